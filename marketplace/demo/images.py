"""Demo images drawn with Pillow: no downloads, deterministic for a given seed.

Each craft has a background palette and a simple motif (a vase silhouette for ceramics,
a cone for hats, stripes for silk...). The label is drawn with Pillow's default font,
whose glyphs cover ASCII only, so Vietnamese marks are stripped from the drawn text
(the stored names and alt texts keep them).
"""

import io
import math
import random
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

SIZE = 800
Rgb = tuple[int, int, int]

# Per craft: (background colours, motif colour). Index a background with ``colour``.
PALETTES: dict[str, tuple[tuple[Rgb, ...], Rgb]] = {
    "gom-su": (((232, 238, 246), (240, 232, 214), (214, 226, 214)), (31, 78, 156)),
    "lua-va-vai": (((246, 228, 236), (226, 236, 248), (250, 240, 210)), (178, 34, 34)),
    "son-mai": (((40, 24, 20), (120, 22, 18), (26, 26, 30)), (212, 172, 70)),
    "may-tre-dan": (((236, 222, 190), (222, 206, 170), (245, 236, 214)), (122, 84, 44)),
    "theu-tay": (((250, 246, 238), (232, 244, 240), (244, 232, 244)), (200, 60, 110)),
    "huong-tram": (((250, 222, 214), (244, 206, 190), (232, 214, 196)), (176, 40, 40)),
    "non-la": (((222, 240, 228), (240, 246, 226), (230, 236, 244)), (196, 170, 110)),
    "tuong-go-va-do-tho": (((80, 24, 18), (48, 32, 24), (112, 36, 26)), (220, 180, 80)),
    "quy-vang-bac-va-duc-dong": (((30, 34, 40), (56, 44, 30), (40, 52, 48)), (205, 160, 60)),
    "do-choi-dan-gian": (((255, 244, 214), (220, 242, 250), (250, 226, 226)), (46, 139, 87)),
    "vang-ma-va-do-le": (((255, 236, 200), (250, 214, 214), (236, 222, 250)), (200, 30, 40)),
    "dao-keo-ren-thu-cong": (((214, 218, 222), (196, 202, 208), (230, 226, 220)), (60, 64, 70)),
    "thuc-pham-va-do-uong-ocop": (
        ((236, 246, 220), (252, 240, 210), (232, 244, 236)),
        (90, 130, 50),
    ),
}
COLOURS_PER_CRAFT = 3


def draw_label(text: str) -> str:
    """The drawn form of a label: ASCII, Vietnamese marks stripped (đ -> d), dashes kept."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    kept = (ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch if ord(ch) < 128 else "-" for ch in kept)


def _vase(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    d.ellipse((250, 330, 550, 640), fill=c)
    d.rectangle((340, 200, 460, 380), fill=c)
    d.ellipse((310, 175, 490, 225), fill=c)
    for _ in range(4):  # painted flowers
        x, y = rng.randint(300, 480), rng.randint(400, 580)
        d.ellipse((x, y, x + 26, y + 26), outline=(255, 255, 255), width=4)


def _stripes(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    step = rng.choice((40, 56, 72))
    for x in range(-SIZE, SIZE, step):
        d.line((x, 0, x + SIZE, SIZE - 120), fill=c, width=step // 3)


def _lacquer_box(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    d.rectangle((200, 260, 600, 580), outline=c, width=10)
    d.rectangle((230, 290, 570, 550), fill=c)
    for _ in range(60):  # eggshell / mother-of-pearl chips
        x, y = rng.randint(240, 560), rng.randint(300, 540)
        d.rectangle((x, y, x + 8, y + 6), fill=(250, 246, 236))


def _weave(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    step = rng.choice((36, 44))
    for i in range(0, SIZE, step):
        d.line((i, 0, i, SIZE - 120), fill=c, width=8)
        d.line((0, i, SIZE, i), fill=c, width=8)


def _flower(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    cx, cy = 400, 360
    for i in range(8):
        dx, dy = [(0, -1), (1, 0), (0, 1), (-1, 0), (1, 1), (-1, -1), (1, -1), (-1, 1)][i]
        r = 80 if i < 4 else 60
        x, y = cx + dx * 110 * (0.7 if i >= 4 else 1), cy + dy * 110 * (0.7 if i >= 4 else 1)
        d.ellipse((x - r, y - r, x + r, y + r), fill=c)
    d.ellipse((cx - 50, cy - 50, cx + 50, cy + 50), fill=(250, 210, 60))


def _incense(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    for i in range(36):  # an incense "flower": sticks fanned in a circle
        angle = i * 10 + rng.randint(-2, 2)
        d.pieslice((160, 120, 640, 600), angle, angle + 4, fill=c)
    d.ellipse((360, 320, 440, 400), fill=(250, 200, 60))


def _cone(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    d.polygon(((400, 170), (140, 520), (660, 520)), fill=c)
    for i in range(1, 8):
        y = 170 + i * 44
        half = (y - 170) * 260 // 350
        d.line((400 - half, y, 400 + half, y), fill=(150, 120, 70), width=3)
    d.ellipse((130, 505, 670, 545), outline=(150, 120, 70), width=4)


def _statue(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    d.ellipse((340, 160, 460, 280), fill=c)
    d.polygon(((330, 290), (470, 290), (560, 600), (240, 600)), fill=c)
    d.rectangle((220, 600, 580, 640), fill=c)


def _drum(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    for r in range(260, 20, -40):
        d.ellipse((400 - r, 380 - r, 400 + r, 380 + r), outline=c, width=10)
    points = []
    for i in range(24):
        r = 70 if i % 2 == 0 else 28
        a = math.pi * i / 12
        points.append((400 + r * math.cos(a), 380 + r * math.sin(a)))
    d.polygon(points, fill=c)


def _dragonfly(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    d.rectangle((390, 200, 410, 600), fill=c)
    d.ellipse((370, 170, 430, 230), fill=c)
    d.ellipse((130, 230, 395, 300), fill=c)
    d.ellipse((405, 230, 670, 300), fill=c)
    d.ellipse((170, 300, 395, 350), fill=c)
    d.ellipse((405, 300, 630, 350), fill=c)


def _lantern(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    d.line((400, 100, 400, 200), fill=(80, 60, 40), width=6)
    d.ellipse((240, 190, 560, 570), fill=c)
    for x in (300, 350, 400, 450, 500):
        d.line((x, 200, x, 560), fill=(250, 210, 60), width=4)
    d.rectangle((340, 570, 460, 600), fill=(80, 60, 40))


def _knife(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    d.polygon(((140, 420), (560, 330), (590, 420)), fill=c)
    d.rectangle((580, 395, 720, 440), fill=(120, 80, 40))


def _jar(d: ImageDraw.ImageDraw, c: Rgb, rng: random.Random) -> None:
    d.rounded_rectangle((260, 260, 540, 620), radius=60, fill=c)
    d.rectangle((300, 200, 500, 270), fill=(180, 140, 60))
    d.ellipse((330, 380, 470, 520), fill=(250, 246, 226))


MOTIFS: dict[str, Callable[[ImageDraw.ImageDraw, Rgb, random.Random], None]] = {
    "gom-su": _vase,
    "lua-va-vai": _stripes,
    "son-mai": _lacquer_box,
    "may-tre-dan": _weave,
    "theu-tay": _flower,
    "huong-tram": _incense,
    "non-la": _cone,
    "tuong-go-va-do-tho": _statue,
    "quy-vang-bac-va-duc-dong": _drum,
    "do-choi-dan-gian": _dragonfly,
    "vang-ma-va-do-le": _lantern,
    "dao-keo-ren-thu-cong": _knife,
    "thuc-pham-va-do-uong-ocop": _jar,
}


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def render_image(craft: str, colour: int, label: str, *, seed: int = 2026, size: int = SIZE) -> bytes:
    """A JPEG (``size`` x ``size``) for a craft: background, motif and a label band."""
    backgrounds, motif_colour = PALETTES.get(craft, PALETTES["gom-su"])
    rng = random.Random(f"{seed}:{craft}:{colour}:{label}")
    image = Image.new("RGB", (SIZE, SIZE), backgrounds[colour % len(backgrounds)])
    draw = ImageDraw.Draw(image)
    for _ in range(120):  # a little texture
        x, y, r = rng.randint(0, SIZE), rng.randint(0, SIZE), rng.randint(2, 6)
        base = backgrounds[colour % len(backgrounds)]
        shade = tuple(max(0, min(255, v + rng.randint(-18, 18))) for v in base)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=shade)
    MOTIFS.get(craft, _vase)(draw, motif_colour, rng)
    draw.rectangle((0, SIZE - 110, SIZE, SIZE), fill=(255, 255, 255))
    text = draw_label(label)
    font = _font(40)
    while draw.textlength(text, font=font) > SIZE - 60 and len(text) > 4:
        text = text[:-4] + "..."
    draw.text((30, SIZE - 80), text, fill=(30, 30, 30), font=font)
    if size != SIZE:
        image = image.resize((size, size))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


class ImageCache:
    """Generates each (craft, colour, label) image once per seeding run."""

    def __init__(self, seed: int = 2026) -> None:
        self.seed = seed
        self._images: dict[tuple[str, int, str], bytes] = {}

    def get(self, craft: str, colour: int, label: str) -> bytes:
        key = (craft, colour % COLOURS_PER_CRAFT, label)
        if key not in self._images:
            self._images[key] = render_image(craft, key[1], label, seed=self.seed)
        return self._images[key]

    def __len__(self) -> int:
        return len(self._images)
