#!/usr/bin/env python3
"""Writes the demo's attachments into items/files/ (run at seed-build time; the files are committed).

- 2014年部门预算.pdf: a one-page PDF 1.4 in Chinese (the Adobe-GB1 font STSong-Light with the
  UniGB-UCS2-H encoding, which every PDF reader and poppler's pdftotext know), written by hand
  with a correct cross-reference table.
- 2014年三公经费预算.xlsx: an Office Open XML workbook with one sheet, written with zipfile.

Only the standard library is used, and the output is byte-for-byte the same on every run
(fixed ZIP timestamps), so re-running it changes nothing in git.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "items", "files")

BUDGET_LINES = [
    "淄博市交通运输局2014年部门预算",
    "",
    "一、收入预算总计6842.35万元",
    "    财政拨款收入5916.20万元",
    "    事业收入712.45万元",
    "    其他收入213.70万元",
    "二、支出预算总计6842.35万元",
    "    基本支出4127.60万元",
    "    项目支出2714.75万元",
    "",
    "淄博市交通运输局  2014年2月21日",
]

THREE_COSTS_ROWS = [
    ["项目", "2014年预算（万元）", "2013年预算（万元）", "增减（万元）"],
    ["因公出国（境）费", "18.50", "21.00", "-2.50"],
    ["公务用车购置及运行费", "96.30", "109.40", "-13.10"],
    ["公务接待费", "22.00", "27.80", "-5.80"],
    ["合计", "136.80", "158.20", "-21.40"],
]


def pdf_text(text):
    """A PDF hex string of `text` in UCS-2 big-endian (the UniGB-UCS2-H encoding)."""
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def make_pdf(lines):
    stream = "BT /F1 16 Tf 72 770 Td 26 TL\n"
    for line in lines:
        stream += (pdf_text(line) if line else "()") + " Tj T*\n"
    stream += "ET\n"
    stream_bytes = stream.encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream_bytes) + stream_bytes + b"endstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_xlsx(path, rows):
    def column(index):
        return chr(ord("A") + index)

    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = "%s%d" % (column(c), r)
            if r > 1 and c > 0:
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, value))
            else:
                cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, xml_escape(value)))
        sheet_rows.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="三公经费" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(sheet_rows)
        + "</sheetData></worksheet>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2014, 2, 21, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "2014年部门预算.pdf"), "wb") as handle:
        handle.write(make_pdf(BUDGET_LINES))
    make_xlsx(os.path.join(OUT, "2014年三公经费预算.xlsx"), THREE_COSTS_ROWS)
    print("wrote", ", ".join(sorted(os.listdir(OUT))))


if __name__ == "__main__":
    main()
