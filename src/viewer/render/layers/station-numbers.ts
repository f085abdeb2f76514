import { Container, Text } from 'pixi.js';
import { CELL } from '../palette.js';
import { cellX, cellY, type Layer, type LayerContext } from './layer.js';

/** Beyond this many stations the floor carries no numbers (each is a texture); the hover readout still names them. */
const MAX_NUMBERS = 400;
/** Numbers are hidden when a cell is drawn smaller than this many screen pixels: they could not be read. */
const MIN_CELL_PX = 9;

/**
 * Each station's number written on its cell, as the stations table and the
 * robot inspector name it. Drawn once, above the robots; hidden when zoomed
 * too far out.
 */
export function stationNumbersLayer(ctx: LayerContext): Layer {
  const container = new Container();
  const stations = ctx.layout.stations;
  if (stations.length <= MAX_NUMBERS) {
    stations.forEach((cell, s) => {
      const t = new Text({ text: String(s), style: { fontFamily: 'system-ui, sans-serif', fontSize: 24, fill: 0xffffff, fontWeight: '700', stroke: { color: 0x064e3b, width: 5 } } });
      // In the cell's top left corner, over the robot standing there (its state colour stays visible); long numbers shrink.
      t.scale.set((CELL / 52) * Math.min(1, 2 / String(s).length));
      t.anchor.set(0, 0);
      t.x = cellX(ctx, cell) - CELL * 0.5 + 1;
      t.y = cellY(ctx, cell) - CELL * 0.5;
      container.addChild(t);
    });
  }
  return {
    container,
    update(v) {
      container.visible = v.zoom * CELL >= MIN_CELL_PX;
    },
    destroy() {
      container.destroy({ children: true });
    },
  };
}
