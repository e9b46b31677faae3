/** Drag-and-drop payload types: a camera from the tree, or a tile moved onto another. */
export const DRAG_CAMERA = 'application/x-watchfloor-camera';
export const DRAG_TILE = 'application/x-watchfloor-tile';
