// Users. Sign-in, roles editing and area scopes come with the auth issue; until then the console
// runs as the local administrator account created at first start, and says so in the status bar.
import { randomUUID } from 'node:crypto';
import type { Role, User } from '../../shared/contract';
import type { Db } from '../store/database';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
}

const toUser = (r: UserRow): User => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role });

export class UserRepository {
  constructor(private readonly db: Db) {}

  byUsername(username: string): User | null {
    const row = this.db.prepare('SELECT id, username, display_name, role FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  create(username: string, displayName: string, role: Role): User {
    const id = randomUUID();
    this.db.prepare('INSERT INTO users(id, username, display_name, role, created_at) VALUES (?,?,?,?,?)').run(id, username, displayName, role, Date.now());
    return { id, username, displayName, role };
  }

  /** The local administrator a fresh install signs in as. */
  ensureLocalAdmin(): User {
    return this.byUsername('admin') ?? this.create('admin', 'Administrator', 'admin');
  }
}
