"""The picture palette: a distinct colour per actor kind, told apart with colour blindness.

Colour vision deficiencies are simulated with the matrices of Machado, Oliveira & Fernandes
(2009), severity 1.0, on linear RGB; distances are CIE76 ΔE in CIELAB (D65).
"""

from __future__ import annotations

import itertools

import numpy as np

from netzwerk.graph.core.model import ACTOR_KINDS
from netzwerk.graph.pictures import styles

MACHADO = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}
SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)


def linear(colour: str) -> np.ndarray:
    c = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb: np.ndarray) -> np.ndarray:
    t = SRGB_TO_XYZ @ np.clip(rgb, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta(a: str, b: str, matrix: list[list[float]] | None = None) -> float:
    m = np.eye(3) if matrix is None else np.array(matrix)
    return float(np.linalg.norm(lab(m @ linear(a)) - lab(m @ linear(b))))


def test_every_kind_has_its_own_colour() -> None:
    colours = [styles.KIND_STYLE[k][0] for k in ACTOR_KINDS]
    assert len(set(colours)) == len(ACTOR_KINDS)
    worst = min(delta(a, b) for a, b in itertools.combinations(colours, 2))
    assert worst >= 30, worst  # clearly different, not just different hex codes


def test_kinds_of_one_shape_stay_apart_with_colour_blindness() -> None:
    by_shape: dict[str, list[str]] = {}
    for kind in ACTOR_KINDS:
        colour, shape = styles.KIND_STYLE[kind]
        by_shape.setdefault(shape, []).append(colour)
    assert len(by_shape) >= 4
    for name, matrix in MACHADO.items():
        for shape, colours in by_shape.items():
            for a, b in itertools.combinations(colours, 2):
                assert delta(a, b, matrix) >= 20, (name, shape, a, b)


def test_group_colours_are_distinct_and_readable_on_white() -> None:
    assert len(set(styles.CATEGORICAL)) == len(styles.CATEGORICAL) >= 12
    for colour in styles.CATEGORICAL:
        assert 25 < lab(linear(colour))[0] < 90  # neither black nor invisible on white
