// The register's repositories over one database, built together (the composition root and tests
// make one of these; services take it in their constructor).
import type { Db } from '../store/database';
import { AreaRepository } from './area-repository';
import { CameraListRepository } from './camera-list-repository';
import { CameraOrder } from './camera-order';
import { HistoryRepository } from './history-repository';
import { RegisterRepository } from './register-repository';
import { SearchIndex } from './search-index';
import { StatsRepository } from './stats-repository';

export interface RegisterStore {
  db: Db;
  records: RegisterRepository;
  areas: AreaRepository;
  history: HistoryRepository;
  search: SearchIndex;
  list: CameraListRepository;
  order: CameraOrder;
  stats: StatsRepository;
}

export function registerStore(db: Db): RegisterStore {
  const order = new CameraOrder(db);
  return {
    db,
    records: new RegisterRepository(db),
    areas: new AreaRepository(db),
    history: new HistoryRepository(db),
    search: new SearchIndex(db),
    list: new CameraListRepository(db, { order }),
    order,
    stats: new StatsRepository(db),
  };
}
