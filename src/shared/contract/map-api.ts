// The contract's entries for the map. Spread into `api` (api.ts). Moving a point or turning a
// camera's cone is not here: the map saves those through the register's own update methods, so
// they land in the record's history like any other change.
import { z } from 'zod';
import { method } from './method';
import * as m from './map';
import { id } from './schemas';

export const mapApi = {
  'maps.list': method({
    summary: 'Basemaps and image maps the centre imported, newest first.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(m.mapInfo),
  }),
  'maps.import': method({
    summary: 'Import an uploaded PMTiles or MBTiles basemap, or a PNG/JPG image map (huge pictures are downscaled); the file is checked, never loaded whole.',
    permission: 'register.manage',
    audit: 'write',
    input: m.mapImportInput,
    output: m.mapInfo,
  }),
  'maps.remove': method({
    summary: 'Remove a basemap or image map (its file, pins and hotspots).',
    permission: 'register.manage',
    audit: 'write',
    input: z.object({ id }),
    output: z.object({ removed: z.boolean() }),
  }),
  'maps.cameras': method({
    summary: 'Every camera the user may see, as the map draws it: point, coordinates, heading, field of view, status, ownership, purposes.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(m.mapCamera),
  }),
  'maps.areaBoundaries': method({
    summary: 'The outlines of today’s areas that have one (imported into the register), as GeoJSON geometry text.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(z.object({ areaId: id, name: z.string(), geometry: z.string() })),
  }),
  'maps.pins': method({
    summary: 'Where cameras sit on an image map, in its pixels.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({ mapId: id }),
    output: z.array(m.mapPin),
  }),
  'maps.setPin': method({
    summary: 'Place (or move) a camera on an image map; null coordinates take it off.',
    permission: 'register.manage',
    audit: 'write',
    targets: { cameraId: 'camera' },
    input: z.object({ mapId: id, cameraId: id, x: z.number().finite().min(0).nullable(), y: z.number().finite().min(0).nullable() }),
    output: z.object({ placed: z.boolean() }),
  }),
  'maps.hotspots': method({
    summary: 'The hotspots on a map that open other maps.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({ mapId: id }),
    output: z.array(m.mapHotspot),
  }),
  'maps.saveHotspot': method({
    summary: 'Add or change a hotspot linking one map to another.',
    permission: 'register.manage',
    audit: 'write',
    input: m.mapHotspot,
    output: m.mapHotspot,
  }),
  'maps.removeHotspot': method({
    summary: 'Remove a hotspot.',
    permission: 'register.manage',
    audit: 'write',
    input: z.object({ id: z.uuid() }),
    output: z.object({ removed: z.boolean() }),
  }),
} as const;
