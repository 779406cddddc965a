"""The review opinion (심사 의견서) of a saved review: the figures for pages, a PDF (WeasyPrint) and an HWPX file.

HWPX is a ZIP of OWPML XML (KS X 6101): `mimetype` first and stored uncompressed, then version.xml,
META-INF/container.xml and manifest.xml, Contents/content.hpf, header.xml and section0.xml.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Collection
from xml.sax.saxutils import escape

from gamsa.costing.engine.sheet import LABELS, SHEET_KINDS
from gamsa.costing.models import CostReview

SUMMARY_ROWS = [
    ("material", "재료비 계"),
    ("labor", "노무비 계"),
    ("expenses", "경비 계"),
    ("net_cost", "순공사원가"),
    ("general_admin", "일반관리비"),
    ("profit", "이윤"),
    ("total_cost", "총원가(공급가액)"),
    ("vat", "부가가치세"),
    ("sum", "합계"),
    ("contract_total", "도급예정액(천원 미만 절사)"),
]


def _pct(rate) -> str:
    if rate is None:
        return "—"
    text = f"{rate * 100:.4f}".rstrip("0").rstrip(".")
    return f"{text}%"


def opinion_context(review: CostReview) -> dict:
    """Everything the detail page, the PDF and the HWPX show."""
    lines = []
    for line in review.result["lines"]:
        basis = line["basis"]
        lines.append(
            {
                **line,
                "label": basis.get("label") or LABELS.get(line["key"], line["key"]),
                "stated_pct": _pct(line["stated_rate"]),
                "allowed_pct": _pct(line["allowed_rate"]),
                "difference_abs": abs(line["difference"]),
                "changed": bool(line["difference"]) or bool(basis.get("arithmetic_error")),
                "explanation": basis.get("explanation", ""),
            }
        )
    summary = review.summary or {}
    subtotals = [
        {
            "label": label,
            "stated": summary.get("stated", {}).get(key, 0),
            "allowed": summary.get("allowed", {}).get(key, 0),
            "difference": summary.get("stated", {}).get(key, 0) - summary.get("allowed", {}).get(key, 0),
        }
        for key, label in SUMMARY_ROWS
    ]
    findings = [line for line in lines if line["changed"]]
    from gamsa.costing.approvals import opinion_approval, signed_boxes

    return {
        "approval": opinion_approval(review),
        "signed_boxes": signed_boxes(review),
        "review": review,
        "sheet": review.sheet,
        "kind_label": SHEET_KINDS.get(review.kind, review.kind),
        "lines": lines,
        "subtotals": subtotals,
        "findings": findings,
        "totals": review.result["totals"],
    }


def write_pdf(review: CostReview) -> bytes:
    from gamsa.core.pdf import render_pdf

    return render_pdf("costing/opinion_pdf.html", opinion_context(review))


def opinion_paragraphs(review: CostReview) -> list[str]:
    """The opinion as plain paragraphs (the HWPX body)."""
    ctx = opinion_context(review)
    totals = ctx["totals"]
    sheet = review.sheet
    out = [
        "원가계산 제비율 심사 의견서",
        f"공사명: {review.title}",
        f"구분: {ctx['kind_label']}  공사종류: {sheet.get('work_type') or sheet.get('service_type') or '—'}  "
        f"기준일: {review.base_date:%Y. %-m. %-d.}",
        f"신고 금액: {totals['stated_total']:,}원  인정 금액: {totals['allowed_total']:,}원  "
        f"절감액: {totals['savings']:,}원",
        "",
        "1. 조정 내역",
    ]
    if not ctx["findings"]:
        out.append("조정할 비목이 없습니다.")
    for number, line in enumerate(ctx["findings"], start=1):
        out.append(
            f"({number}) {line['label']}: 신고 {line['stated_pct']} {line['stated_amount']:,}원 → "
            f"인정 {line['allowed_pct']} {line['allowed_amount']:,}원 (차이 {line['difference']:,}원)"
        )
        out.append(f"    {line['explanation']}")
        if line["basis"].get("source"):
            out.append(
                f"    근거: {line['basis']['source']} (신뢰도 {line['basis'].get('confidence') or '—'})"
            )
    out += ["", "2. 비목별 심사 결과"]
    for line in ctx["lines"]:
        out.append(
            f"- {line['label']}: 신고 {line['stated_pct']} {line['stated_amount']:,}원 / "
            f"인정 {line['allowed_pct']} {line['allowed_amount']:,}원 / {line['explanation']}"
        )
    out += ["", "3. 소계"]
    for row in ctx["subtotals"]:
        out.append(f"- {row['label']}: 신고 {row['stated']:,}원 / 인정 {row['allowed']:,}원")
    out += [
        "",
        "※ 각 비목은 원 미만, 도급예정액은 천원 미만을 절사했습니다. 조정된 비목 뒤의 비목은 조정된 금액을 기준으로 "
        "다시 계산했습니다.",
    ]
    return out


HWPML = "http://www.hancom.co.kr/hwpml/2011"
# The namespace surface Hancom Office writes on header and section roots (declared even when unused).
NAMESPACES = {
    "ha": f"{HWPML}/app",
    "hp": f"{HWPML}/paragraph",
    "hp10": "http://www.hancom.co.kr/hwpml/2016/paragraph",
    "hs": f"{HWPML}/section",
    "hc": f"{HWPML}/core",
    "hh": f"{HWPML}/head",
    "hhs": f"{HWPML}/history",
    "hm": f"{HWPML}/master-page",
    "hpf": "http://www.hancom.co.kr/schema/2011/hpf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "opf": "http://www.idpf.org/2007/opf/",
    "ooxmlchart": "http://www.hancom.co.kr/hwpml/2016/ooxmlchart",
    "hwpunitchar": "http://www.hancom.co.kr/hwpml/2016/HwpUnitChar",
    "epub": "http://www.idpf.org/2007/ops",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
}
NS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'

VERSION_XML = (
    XML_DECL
    + f'<hv:HCFVersion xmlns:hv="{HWPML}/version" tagetApplication="WORDPROCESSOR" major="5" minor="1" '
    'micro="0" buildNumber="1" os="1" xmlVersion="1.4" application="gamsa" appVersion="1.0"/>'
)
CONTAINER_XML = (
    XML_DECL + '<ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container" '
    'xmlns:hpf="http://www.hancom.co.kr/schema/2011/hpf"><ocf:rootfiles>'
    '<ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/>'
    "</ocf:rootfiles></ocf:container>"
)
MANIFEST_XML = XML_DECL + '<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'

FONT_LANGS = ("HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER")


def _header_xml() -> str:
    fonts = "".join(
        f'<hh:fontface lang="{lang}" fontCnt="1"><hh:font id="0" face="함초롬바탕" type="TTF" isEmbedded="0"/>'
        "</hh:fontface>"
        for lang in FONT_LANGS
    )
    ids = "".join(
        f'{attr}="0" ' for attr in ("hangul", "latin", "hanja", "japanese", "other", "symbol", "user")
    )
    hundreds = "".join(
        f'{attr}="100" ' for attr in ("hangul", "latin", "hanja", "japanese", "other", "symbol", "user")
    )
    zeros = ids
    char_pr = (
        '<hh:charPr id="0" height="1000" textColor="#000000" shadeColor="none" useFontSpace="0" useKerning="0" '
        f'symMark="NONE" borderFillIDRef="1"><hh:fontRef {ids}/><hh:ratio {hundreds}/><hh:spacing {zeros}/>'
        f"<hh:relSz {hundreds}/><hh:offset {zeros}/></hh:charPr>"
    )
    para_pr = (
        '<hh:paraPr id="0" tabPrIDRef="0" condense="0" fontLineHeight="0" snapToGrid="1" '
        'suppressLineNumbers="0" checked="0"><hh:align horizontal="JUSTIFY" vertical="BASELINE"/>'
        '<hh:heading type="NONE" idRef="0" level="0"/><hh:breakSetting breakLatinWord="KEEP_WORD" '
        'breakNonLatinWord="KEEP_WORD" widowOrphan="0" keepWithNext="0" keepLines="0" pageBreakBefore="0" '
        'lineWrap="BREAK"/><hh:autoSpacing eAsianEng="0" eAsianNum="0"/>'
        '<hh:margin><hc:intent value="0" unit="HWPUNIT"/><hc:left value="0" unit="HWPUNIT"/>'
        '<hc:right value="0" unit="HWPUNIT"/><hc:prev value="0" unit="HWPUNIT"/><hc:next value="0" unit="HWPUNIT"/>'
        '</hh:margin><hh:lineSpacing type="PERCENT" value="160" unit="HWPUNIT"/>'
        '<hh:border borderFillIDRef="1" offsetLeft="0" offsetRight="0" offsetTop="0" offsetBottom="0" '
        'connect="0" ignoreMargin="0"/></hh:paraPr>'
    )
    border_fill = (
        '<hh:borderFill id="1" threeD="0" shadow="0" centerLine="NONE" breakCellSeparateLine="0">'
        '<hh:slash type="NONE" Crooked="0" isCounter="0"/><hh:backSlash type="NONE" Crooked="0" isCounter="0"/>'
        '<hh:leftBorder type="NONE" width="0.1 mm" color="#000000"/>'
        '<hh:rightBorder type="NONE" width="0.1 mm" color="#000000"/>'
        '<hh:topBorder type="NONE" width="0.1 mm" color="#000000"/>'
        '<hh:bottomBorder type="NONE" width="0.1 mm" color="#000000"/>'
        '<hh:diagonal type="SOLID" width="0.1 mm" color="#000000"/></hh:borderFill>'
    )
    return (
        XML_DECL + f'<hh:head {NS} version="1.4" secCnt="1">'
        '<hh:beginNum page="1" footnote="1" endnote="1" pic="1" tbl="1" equation="1"/>'
        f'<hh:refList><hh:fontfaces itemCnt="{len(FONT_LANGS)}">{fonts}</hh:fontfaces>'
        f'<hh:borderFills itemCnt="1">{border_fill}</hh:borderFills>'
        f'<hh:charProperties itemCnt="1">{char_pr}</hh:charProperties>'
        '<hh:tabProperties itemCnt="1"><hh:tabPr id="0" autoTabLeft="0" autoTabRight="0"/></hh:tabProperties>'
        f'<hh:paraProperties itemCnt="1">{para_pr}</hh:paraProperties>'
        '<hh:styles itemCnt="1"><hh:style id="0" type="PARA" name="바탕글" engName="Normal" paraPrIDRef="0" '
        'charPrIDRef="0" nextStyleIDRef="0" langID="1042" lockForm="0"/></hh:styles>'
        "</hh:refList>"
        '<hh:compatibleDocument targetProgram="HWP201X"><hh:layoutCompatibility/></hh:compatibleDocument>'
        '<hh:docOption><hh:linkinfo path="" pageInherit="0" footnoteInherit="0"/></hh:docOption>'
        "</hh:head>"
    )


SEC_PR = (
    '<hp:secPr id="" textDirection="HORIZONTAL" spaceColumns="1134" tabStop="8000" tabStopVal="4000" '
    'tabStopUnit="HWPUNIT" outlineShapeIDRef="0" memoShapeIDRef="0" textVerticalWidthHead="0" masterPageCnt="0">'
    '<hp:grid lineGrid="0" charGrid="0" wonggojiFormat="0"/>'
    '<hp:startNum pageStartsOn="BOTH" page="0" pic="0" tbl="0" equation="0"/>'
    '<hp:visibility hideFirstHeader="0" hideFirstFooter="0" hideFirstMasterPage="0" border="SHOW_ALL" '
    'fill="SHOW_ALL" hideFirstPageNum="0" hideFirstEmptyLine="0" showLineNumber="0"/>'
    '<hp:pagePr landscape="WIDELY" width="59528" height="84186" gutterType="LEFT_ONLY">'
    '<hp:margin header="4252" footer="4252" gutter="0" left="7087" right="7087" top="5668" bottom="4252"/>'
    "</hp:pagePr></hp:secPr>"
)


def _section_xml(paragraphs: list[str], page_breaks: Collection[int] = ()) -> str:
    body = []
    for index, text in enumerate(paragraphs):
        head = SEC_PR if index == 0 else ""
        brk = "1" if index and index in page_breaks else "0"
        body.append(
            f'<hp:p id="{index}" paraPrIDRef="0" styleIDRef="0" pageBreak="{brk}" columnBreak="0" merged="0">'
            f'<hp:run charPrIDRef="0">{head}<hp:t>{escape(text)}</hp:t></hp:run></hp:p>'
        )
    return XML_DECL + f"<hs:sec {NS}>" + "".join(body) + "</hs:sec>"


def _content_hpf(title: str) -> str:
    return (
        XML_DECL + '<opf:package xmlns:opf="http://www.idpf.org/2007/opf/" '
        'xmlns:hpf="http://www.hancom.co.kr/schema/2011/hpf" version="" unique-identifier="" id="">'
        f"<opf:metadata><opf:title>{escape(title)}</opf:title><opf:language>ko</opf:language></opf:metadata>"
        '<opf:manifest><opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>'
        '<opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/></opf:manifest>'
        '<opf:spine><opf:itemref idref="header" linear="yes"/><opf:itemref idref="section0" linear="yes"/>'
        "</opf:spine></opf:package>"
    )


def hwpx_bytes(title: str, paragraphs: list[str], page_breaks: Collection[int] = ()) -> bytes:
    """An HWPX document of plain paragraphs; a paragraph whose index is in `page_breaks` starts a new page (the
    integrity letters put one letter on each page)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        parts = [
            ("version.xml", VERSION_XML),
            ("META-INF/container.xml", CONTAINER_XML),
            ("META-INF/manifest.xml", MANIFEST_XML),
            ("Contents/content.hpf", _content_hpf(title)),
            ("Contents/header.xml", _header_xml()),
            ("Contents/section0.xml", _section_xml(paragraphs, set(page_breaks))),
            ("Preview/PrvText.txt", "\r\n".join(paragraphs)[:1000]),
        ]
        for name, text in parts:
            zf.writestr(name, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def write_hwpx(review: CostReview) -> bytes:
    from gamsa.costing.approvals import signed_lines

    paragraphs = opinion_paragraphs(review)
    signed = signed_lines(review)  # the 결재란 once the opinion is signed (ADR 0021)
    return hwpx_bytes(f"제비율 심사 의견서 - {review.title}", paragraphs + ([""] + signed if signed else []))


def file_name(review: CostReview, ext: str) -> str:
    safe = "".join(ch for ch in review.title if ch not in '\\/:*?"<>|').strip()[:60] or "원가계산서"
    return f"제비율심사의견서_{safe}.{ext}"
