"""Excel: one page per sheet with openpyxl in read-only mode (values, not formulas)."""

import io

from openpyxl import load_workbook

from .base import MAX_PAGE_CHARS, Options, Parsed, clean_meta, iso, limit_pages


def _sheet_text(sheet) -> str:
    lines, size = [], 0
    for row in sheet.iter_rows(values_only=True):
        values = ["" if v is None else str(v) for v in row]
        while values and not values[-1]:
            values.pop()
        if values:
            line = "\t".join(values)
            lines.append(line)
            size += len(line) + 1
            if size > MAX_PAGE_CHARS:
                break
    return "\n".join(lines)[:MAX_PAGE_CHARS]


def parse(data: bytes, kind: str, options: Options, encoding: str = "") -> Parsed:
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        pages, names = [], wb.sheetnames
        for name in names[: options.max_pages]:
            sheet = wb[name]
            text = _sheet_text(sheet) if hasattr(sheet, "iter_rows") else ""
            pages.append(f"{name}\n{text}".strip())
        props = wb.properties
        metadata = clean_meta(
            {"title": props.title, "author": props.creator, "created": iso(props.created), "sheets": names[:200]}
        )
        return Parsed(pages=limit_pages(pages, options, metadata, len(names)), page_count=len(names), metadata=metadata)
    finally:
        wb.close()
