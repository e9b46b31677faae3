// A camera's preferred stream on the wall: 'auto' (main for a big tile, sub for a small one), or
// always 'main' / always 'sub' (e.g. a camera whose sub stream is too poor to read a plate).
export default `
ALTER TABLE cameras ADD COLUMN preferred_stream TEXT NOT NULL DEFAULT 'auto';
`;
