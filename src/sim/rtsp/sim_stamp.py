"""Draws the latency stamp into an I420 frame. The layout is documented in src/sim/stamp.ts,
whose decodeStamp() reads it back; keep the two in step.

The frame is divided into a grid of 80 x 45 units (16 px at 1280x720, 8 px at 640x360), so the
strip scales with the picture and every block lands on the encoder's macroblock grid.
Row 1 (y = 1u .. 2u), columns 1..60:
  [white, black] reference | 48 bits of Date.now() ms, MSB first | 8 bits XOR of those 6 bytes |
  [black, white] end marker.       white = 1, black = 0.
"""

GRID_COLS = 80
GRID_ROWS = 45
STRIP_ROW = 1
STRIP_COL = 1
DATA_BITS = 48
WHITE = 235  # limited-range luma, what the encoder expects from videotestsrc-style I420
BLACK = 16


def stamp_bits(ms):
    value = int(ms) & ((1 << DATA_BITS) - 1)
    data = [(value >> (DATA_BITS - 1 - i)) & 1 for i in range(DATA_BITS)]
    check = 0
    for byte_index in range(DATA_BITS // 8):
        check ^= (value >> (8 * byte_index)) & 0xFF
    check_bits = [(check >> (7 - i)) & 1 for i in range(8)]
    return [1, 0] + data + check_bits + [0, 1]


class StampPainter:
    """Precomputes geometry for one frame size; paint() patches the luma rows in place."""

    def __init__(self, width, height):
        self.width = width
        self.height = height
        self.unit_w = width // GRID_COLS
        self.unit_h = height // GRID_ROWS
        self.x0 = STRIP_COL * self.unit_w
        self.y0 = STRIP_ROW * self.unit_h
        self.blocks = 2 + DATA_BITS + 8 + 2

    def prepare_background(self, frame):
        """Neutral chroma under the strip (done once per background frame, not per frame)."""
        w, h = self.width, self.height
        u_off, v_off = w * h, w * h + (w // 2) * (h // 2)
        cw = w // 2
        x0, x1 = self.x0 // 2, (self.x0 + self.blocks * self.unit_w) // 2
        for y in range(self.y0 // 2, (self.y0 + self.unit_h) // 2):
            frame[u_off + y * cw + x0:u_off + y * cw + x1] = bytes([128]) * (x1 - x0)
            frame[v_off + y * cw + x0:v_off + y * cw + x1] = bytes([128]) * (x1 - x0)

    def paint(self, frame, ms):
        row = bytearray()
        for bit in stamp_bits(ms):
            row += bytes([WHITE if bit else BLACK]) * self.unit_w
        row = bytes(row)
        start = self.x0
        for y in range(self.y0, self.y0 + self.unit_h):
            offset = y * self.width + start
            frame[offset:offset + len(row)] = row
