"""Opening a .docx package, and saying in Chinese what is wrong with one that will not open.

python-docx meets a damaged package with whatever its parsing runs into (``AttributeError`` on an
unexpected root element, ``KeyError`` for a missing part, ``zlib.error`` for a corrupt entry …).
Rather than translate its exceptions, a package it cannot open is examined here (`damage`): the
zip, each entry, each XML part, the relationships between parts, the kind of Office file. Only a
failed open pays for that; a good package is read once, by python-docx.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import TYPE_CHECKING

from lxml import etree

from . import LEGACY_MESSAGE, DocumentError

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

NOT_DOCX = "不是有效的 .docx 文件（{why}）：请在 Word 或 WPS 中“另存为” .docx 后再检查"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps and password-protected .docx files
ENCRYPTED_NOTE = "（设置了打开密码的 .docx 也是这种格式：请先取消密码）"
_MAX_UNPACKED = 512 * 2**20  # bytes: a report's package unpacks to a few MB; beyond this is a zip bomb
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_ROOTS = {  # the root element of the package's own parts
    "[Content_Types].xml": "{http://schemas.openxmlformats.org/package/2006/content-types}Types",
    ".rels": "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships",
}
_OFFICE_DOCUMENT = "/officeDocument"  # the end of the main part's relationship type (transitional and strict)
_STRICT = "http://purl.oclc.org/ooxml/"
_OTHER_OFFICE = {"xl/workbook.xml": "Excel 表格（.xlsx）", "ppt/presentation.xml": "PowerPoint 演示文稿（.pptx）"}
# What zipfile and zlib raise on a damaged archive or entry (zlib.error is an Exception subclass
# that zipfile lets through; NotImplementedError: an unknown compression method or zip version;
# RuntimeError: an entry with a password).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    OSError,
    EOFError,
    ValueError,
)


def open_package(data: bytes) -> DocxDocument:
    """The python-docx document of a .docx; DocumentError, saying what is wrong, for anything else."""
    import docx

    if data.startswith(OLE_MAGIC):
        raise DocumentError(LEGACY_MESSAGE + ENCRYPTED_NOTE)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise DocumentError(NOT_DOCX.format(why="不是 zip 包，或 zip 包已损坏")) from exc
    with archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > _MAX_UNPACKED:
            why = f"声称解压后有 {unpacked / 2**20:.0f} MB，远超一份报告的大小：文件已损坏，或是恶意构造的压缩包"
            raise DocumentError(NOT_DOCX.format(why=why))
        try:
            return docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx on a damaged package: see the module docstring
            raise DocumentError(NOT_DOCX.format(why=damage(archive))) from exc


def damage(archive: zipfile.ZipFile) -> str:
    """What is wrong with a package python-docx could not open, in Chinese (the first thing found)."""
    names = set(archive.namelist())
    for name, kind in _OTHER_OFFICE.items():
        if name in names:
            return f"这是{kind}，不是 Word 文档"
    parts: dict[str, etree._Element] = {}
    for info in archive.infolist():
        try:
            payload = archive.read(info)
        except Exception:  # a bad CRC, zlib.error, an unknown compression method, a password …
            return f"其中的 {info.filename} 已损坏，无法解压"
        if info.filename.endswith((".xml", ".rels")):
            try:
                parts[info.filename] = etree.fromstring(payload, etree.XMLParser(resolve_entities=False))
            except etree.XMLSyntaxError as exc:
                line = exc.position[0] if exc.position else 0
                return f"其中的 {info.filename} 不是格式正确的 XML，第 {max(line, 1)} 行附近已损坏"
            expected = _ROOTS.get(".rels" if info.filename.endswith(".rels") else info.filename)
            if expected is not None and parts[info.filename].tag != expected:
                return f"其中的 {info.filename} 内容不符合格式"
    if "[Content_Types].xml" not in parts:
        return "缺少 [Content_Types].xml，不是 Word 文档包"
    if "_rels/.rels" not in parts:
        return "缺少 _rels/.rels，不是 Word 文档包"
    missing = _missing_targets(parts, names)
    if missing:
        return f"缺少 {missing}（文件不完整，可能在传输或保存时被截断）"
    main = [r for r in parts["_rels/.rels"].iter(_RELATIONSHIPS) if (r.get("Type") or "").endswith(_OFFICE_DOCUMENT)]
    if not main:
        return "找不到文档正文（word/document.xml）"
    if (main[0].get("Type") or "").startswith(_STRICT):
        return "这是“严格 Open XML”格式的文档：请在 Word 中另存为“Word 文档 (*.docx)”"
    return "文件结构不符合 .docx 格式"


def _missing_targets(parts: dict[str, etree._Element], names: set[str]) -> str | None:
    """The first part a relationship names that the package does not hold."""
    for rels_name, rels in parts.items():
        if not rels_name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(rels_name))  # word/_rels/document.xml.rels → word
        for rel in rels.iter(_RELATIONSHIPS):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            name = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            if name not in names:
                return name
    return None
