"""Representative OWASP XSS filter-evasion vectors, and checks that output holds nothing executable."""

import io
import re
import zipfile

import lxml.html
import markdown

# From the OWASP XSS Filter Evasion Cheat Sheet (and Markdown-specific ones): script tags in odd
# spellings, event handlers, javascript:/vbscript:/data: URLs hidden by case, entities, tabs and
# control characters, style tricks, and markup that escapes its context.
XSS_VECTORS = [
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112'
    "&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083"
    '&#0000083&#0000039&#0000041">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;"
    "&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
    "<iframe src=http://xss.rocks/scriptlet.html <",
    '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<svg/onload=alert('XSS')>",
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">",
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIj48'
    'c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    '![img](javascript:alert(1)) ![i](x" onerror="alert(1))',
    "<javascript:alert(1)>",
    "[x][a]\n\n[a]: javascript:alert(1)",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<form action="javascript:alert(1)"><button formaction=javascript:alert(1)>x</button></form>',
    "<details open ontoggle=alert(1)>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<xss style="behavior: url(xss.htc);">',
    "**bold** <b onclick=alert(1)>b</b> `<script>alert(1)</script>`",
]

FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "base",
    "style",
    "img",
    "svg",
    "math",
    "details",
    "xss",
    "input",
    "body",
    "frame",
    "frameset",
    "applet",
    "audio",
    "video",
    "source",
    "template",
    "meta",
    "link",
    "form",
    "button",
    "textarea",
    "select",
    "option",
}
SAFE_SCHEMES = ("http:", "https:", "mailto:")
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "background",
    "xlink:href",
    "poster",
    "srcdoc",
}
_CONTROL = re.compile(r"[\x00-\x20]+")


def _unsafe_url(value: str) -> bool:
    compact = _CONTROL.sub("", value).lower()
    if ":" not in compact.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return False  # relative: no scheme at all
    return not compact.startswith(SAFE_SCHEMES)


def executable_markup(html: str, region_xpath: str | None = None, allow_chrome: bool = False) -> list[str]:
    """Every piece of executable markup in an HTML page or fragment (empty when safe).

    With ``region_xpath``, forbidden tags are looked for only inside that region (the page's own
    chrome has forms and links); event handlers and script URLs are looked for everywhere.
    """
    problems = []
    root = (
        lxml.html.document_fromstring(html)
        if html.lstrip().startswith("<!")
        else lxml.html.fragment_fromstring(html, create_parent="div")
    )
    regions = root.xpath(region_xpath) if region_xpath else [root]
    for region in regions:
        for el in region.iter():
            if isinstance(el.tag, str) and el.tag.lower() in FORBIDDEN_TAGS:
                problems.append(f"tag <{el.tag}>")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag.lower() == "script" and not allow_chrome:
            problems.append("script element")
        for name, value in el.attrib.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                problems.append(f"event handler {name} on <{el.tag}>")
            if lowered in URL_ATTRIBUTES and _unsafe_url(value):
                problems.append(f"unsafe URL {name}={value!r}")
            if lowered == "style" and region_xpath is None:
                problems.append(f"style attribute on <{el.tag}>")
    return problems


def markdown_problems(text: str) -> list[str]:
    """Executable markup in a Markdown file, once a permissive viewer (raw HTML allowed) renders it."""
    return executable_markup(markdown.markdown(text))


def docx_problems(data: bytes) -> list[str]:
    """Active content in a Word document: fields, embedded objects, alt chunks, macros, unsafe links."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        for name in names:
            lowered = name.lower()
            if (
                lowered.endswith((".bin", "vbaproject.bin"))
                or "activex" in lowered
                or "embeddings" in lowered
            ):
                problems.append(f"part {name}")
        body = package.read("word/document.xml").decode()
        for marker in (
            "<w:instrText",
            "<w:fldSimple",
            "<w:altChunk",
            "<w:object",
            "<o:OLEObject",
            "<w:control",
            "<w:fldChar",
        ):
            if marker in body:
                problems.append(f"{marker} in the body")
        rels = package.read("word/_rels/document.xml.rels").decode()
        for target in re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', rels):
            if _unsafe_url(target) or not target.lower().startswith(SAFE_SCHEMES):
                problems.append(f"external link {target!r}")
    return problems
