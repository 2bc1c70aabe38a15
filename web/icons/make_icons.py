#!/usr/bin/env python3
"""Renders icon-192.png and icon-512.png from the same shapes as icon.svg
(a balance: equal pans, the product's promise), with no imaging library:
4x4 supersampled point-in-shape tests, written as PNG with zlib."""
import struct, zlib, sys

NAVY = (0x0F, 0x2C, 0x4C); WHITE = (255, 255, 255); BLUE = (0x7F, 0xB8, 0xF0)

def rrect(x, y, x0, y0, x1, y1, r):
    if not (x0 <= x <= x1 and y0 <= y <= y1): return False
    cx = min(max(x, x0 + r), x1 - r); cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def tri_outline(x, y, ax, ay, bx, by, cx, cy, w):
    def seg(px, py, qx, qy):
        dx, dy = qx - px, qy - py
        t = max(0, min(1, ((x - px) * dx + (y - py) * dy) / (dx * dx + dy * dy)))
        return (x - px - t * dx) ** 2 + (y - py - t * dy) ** 2 <= (w / 2) ** 2
    return seg(ax, ay, bx, by) or seg(bx, by, cx, cy) or seg(cx, cy, ax, ay)

def pan(x, y, x0):
    # half ellipse below y=286, centre x0+52, radii 52 x 40
    return y >= 286 and ((x - (x0 + 52)) / 52) ** 2 + ((y - 286) / 40) ** 2 <= 1

def base(x, y):
    if not (370 <= y <= 398): return False
    inset = (y - 370) / 28 * 20
    return 176 + inset <= x <= 336 - inset

def color_at(x, y):
    if not rrect(x, y, 0, 0, 512, 512, 96): return None
    if (246 <= x <= 266 and 120 <= y <= 370) or rrect(x, y, 96, 150, 416, 168, 9) or base(x, y) \
            or pan(x, y, 44) or pan(x, y, 364):
        return WHITE
    if tri_outline(x, y, 96, 176, 52, 286, 140, 286, 10) or tri_outline(x, y, 416, 176, 372, 286, 460, 286, 10):
        return BLUE
    return NAVY

def render(size):
    s = 512 / size; n = 4; rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(n):
                for sx in range(n):
                    c = color_at((px + (sx + 0.5) / n) * s, (py + (sy + 0.5) / n) * s)
                    if c: acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            k = n * n; a = acc[3] // k
            if a: row += bytes([acc[0] * 255 // acc[3], acc[1] * 255 // acc[3], acc[2] * 255 // acc[3], a])
            else: row += bytes(4)
        rows.append(bytes(row))
    raw = b''.join(rows)
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)) + \
        chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')

if __name__ == '__main__':
    for size in (192, 512):
        with open(f'icon-{size}.png', 'wb') as f: f.write(render(size))
