#!/usr/bin/env python3
"""Reads the report's binary outputs the way an outside tool would (standard library only).

  inspect.py xlsx FILE  -- prints the workbook's sheets, number formats, conditional formats,
                           frozen panes and shared strings as JSON
  inspect.py png FILE   -- prints the screenshot's size and pixel statistics as JSON
"""
import json
import re
import struct
import sys
import zipfile
import zlib


def xlsx(path):
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None, "corrupt member"
        workbook = z.read("xl/workbook.xml").decode()
        sheets = re.findall(r'<sheet name="([^"]+)"', workbook)
        styles = z.read("xl/styles.xml").decode()
        formats = re.findall(r'<numFmt numFmtId="\d+" formatCode="([^"]+)"', styles)
        strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
        # Print titles: <definedName name="_xlnm.Print_Titles" localSheetId="0">'汇总'!$A:$A,'汇总'!$1:$2<
        titles = {int(i): t for i, t in re.findall(
            r'<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)<', workbook)}
        per_sheet = []
        for i in range(1, len(sheets) + 1):
            xml = z.read(f"xl/worksheets/sheet{i}.xml").decode()
            pane = re.search(r'<pane ([^>]*)/>', xml)
            setup = re.search(r"<pageSetup ([^>]*)/>", xml)
            per_sheet.append({
                "frozen_header": bool(re.search(r'<pane [^>]*ySplit="[12]"[^>]*state="frozen"', xml)),
                "pane": dict(re.findall(r'(\w+)="([^"]*)"', pane.group(1))) if pane else {},
                "page_setup": dict(re.findall(r'(\w+)="([^"]*)"', setup.group(1))) if setup else {},
                "fit_to_page": "<pageSetUpPr fitToPage=\"1\"/>" in xml,
                "print_titles": titles.get(i - 1, ""),
                "conditional_formats": len(re.findall(r"<cfRule ", xml)),
                "cell_rules": re.findall(r'<cfRule type="cellIs"[^>]*operator="(\w+)"', xml),
                "text_rules": len(re.findall(r'<cfRule type="containsText"', xml)),
                "numbers": len(re.findall(r'<c [^>]*><v>', xml)) - len(re.findall(r'<c [^>]*t="s"[^>]*><v>', xml)),
                "autofilter": "<autoFilter" in xml,
                "rows": len(re.findall(r"<row ", xml)),
            })
    # A local absolute path anywhere in the text (/home/..., /tmp/..., C:\\...): a workbook names
    # its input files by name only.
    paths = [s for s in strings if re.search(r'(^|[\s(:"])(/[^/\s]+/|[A-Za-z]:\\)', s)]
    return {"sheets": sheets, "number_formats": formats, "strings": strings, "sheet": per_sheet,
            "absolute_paths": paths}


def png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"unsupported PNG (depth {depth}, colour {colour})"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    counts = {}
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        for x in range(0, stride, bpp * 2):  # every other pixel is plenty for statistics
            px = bytes(line[x:x + 3])
            counts[px] = counts.get(px, 0) + 1
    total = sum(counts.values())
    background = max(counts.values())

    def near(rgb):
        return sum(n for px, n in counts.items() if all(abs(px[i] - rgb[i]) < 24 for i in range(3)))

    return {"width": width, "height": height, "colours": len(counts),
            "non_background": (total - background) / total,
            "bar_blue": near((0x4e, 0x79, 0xa7)), "miss_red": near((0xd6, 0x27, 0x28))}


if __name__ == "__main__":
    print(json.dumps({"xlsx": xlsx, "png": png}[sys.argv[1]](sys.argv[2]), ensure_ascii=False))
