export { MapRepository } from './map-repository';
export { MapService, MAP_UPLOAD_LIMIT, sniffMapFile } from './map-service';
