"""A consultant's logo for the cover: a PNG or SVG file, checked before any renderer sees it.

Limits (said in every refusal): at most :data:`LOGO_BYTES` bytes; a PNG at most
:data:`LOGO_PIXELS` pixels on its longer side; an SVG that is self-contained: no DOCTYPE or
entities, no script, no embedded or linked image, no link outside the file (``href`` only to
``#fragment``), no foreign content. The logo is drawn at most :data:`LOGO_WIDTH` x
:data:`LOGO_HEIGHT` points, keeping its proportions.

The PDF and HTML reports draw either kind. The Word file draws a PNG; python-docx cannot place
an SVG, so a Word file made with an SVG logo leaves it out (``render_docx`` says so).
"""

from __future__ import annotations

import io
import re
import struct

from questionnaire import limits
from reports.content.model import Logo

# The limits live in questionnaire.limits, with every other limit; these names stay for callers.
LOGO_BYTES = limits.LOGO_BYTES
LOGO_PIXELS = limits.LOGO_PIXELS
LOGO_WIDTH = 160.0  # points
LOGO_HEIGHT = 60.0

_PNG = b"\x89PNG\r\n\x1a\n"
_FORBIDDEN = {"script", "image", "foreignobject", "iframe", "object", "embed", "audio", "video"}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|mm|cm|in)?\s*$")
_UNIT = {None: 0.75, "px": 0.75, "pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}


class LogoError(ValueError):
    """Why a logo file was refused, in words for the person who gave it."""


def _fit(width: float, height: float) -> tuple[float, float]:
    if width <= 0 or height <= 0:
        raise LogoError("has no size (width and height must be above 0)")
    scale = min(LOGO_WIDTH / width, LOGO_HEIGHT / height)
    return width * scale, height * scale


def _png(data: bytes) -> Logo:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise LogoError("is not a readable PNG image")
    width, height = struct.unpack(">II", data[16:24])
    if max(width, height) > LOGO_PIXELS:
        raise LogoError(
            f"is {width} x {height} pixels; a logo may be at most {LOGO_PIXELS} pixels on its "
            "longer side"
        )
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception as exc:  # any decoding failure means the file is not a usable PNG
        raise LogoError("is not a readable PNG image") from exc
    w, h = _fit(float(width), float(height))
    return Logo(data=data, kind="png", width=w, height=h)


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) * _UNIT[match.group(2)] if match else None


def _svg(data: bytes) -> Logo:
    from lxml import etree

    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise LogoError("is an SVG with a DOCTYPE or entities; a logo must be self-contained")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise LogoError(f"is not a readable SVG file ({exc.msg})") from None
    if etree.QName(root).localname != "svg":
        raise LogoError("is not an SVG file (its root element is not <svg>)")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        name = etree.QName(element).localname.lower()
        if name in _FORBIDDEN:
            raise LogoError(f"is an SVG with a <{name}> element; a logo must be self-contained")
        for attr, value in element.attrib.items():
            local = etree.QName(attr).localname.lower()
            if local.startswith("on"):
                raise LogoError(f"is an SVG with a script attribute ({local})")
            if local == "href" and not value.startswith("#"):
                raise LogoError(
                    "is an SVG that links outside itself; a logo must be self-contained"
                )
            if "url(" in value and "url(#" not in value.replace(" ", ""):
                raise LogoError(
                    "is an SVG that links outside itself; a logo must be self-contained"
                )
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width is None or height is None:
        box = (root.get("viewBox") or "").replace(",", " ").split()
        try:
            width, height = float(box[2]), float(box[3])
        except (IndexError, ValueError):
            raise LogoError("is an SVG with no width and height or viewBox") from None
    w, h = _fit(width, height)
    return Logo(data=data, kind="svg", width=w, height=h)


def check_logo(data: bytes) -> Logo:
    """The logo in `data`, checked (see the module doc), or :class:`LogoError` saying why not."""
    if len(data) > LOGO_BYTES:
        raise LogoError(f"is larger than the {LOGO_BYTES // 1024} KB a logo may be")
    if data.startswith(_PNG):
        return _png(data)
    head = data.lstrip()[:512].lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096].lower():
        return _svg(data)
    raise LogoError("is neither a PNG nor an SVG image")
