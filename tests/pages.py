"""What a page offers a browser, read from its HTML with the standard library's parser:
its forms with their fields, the links that carry a query string, and the inline
scripts, styles and event handlers a Content-Security-Policy without 'unsafe-inline' blocks."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit


@dataclass
class Field:
    name: str
    kind: str  # an input's type, "select", "select-multiple" or "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str  # the path the form is sent to
    method: str  # "GET" or "POST"
    enctype: str
    fields: list[Field] = field(default_factory=list)
    formactions: list[str] = field(default_factory=list)  # submit buttons that send the form elsewhere


@dataclass
class Link:
    path: str
    query: list[tuple[str, str]]


@dataclass
class Page:
    forms: list[Form] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    inline: list[str] = field(default_factory=list)  # what a strict policy would block, described


INPUTS_WITHOUT_DATA = {"submit", "button", "reset", "image"}


class _Reader(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.page = Page()
        self.form: Form | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None
        self.script_has_src = False
        self.in_script = False
        self.script_text = ""

    # --- inline code and style ------------------------------------------------------------------

    def _check_inline(self, tag: str, attrs: dict[str, str | None]) -> None:
        for name, value in attrs.items():
            if name == "style":
                self.page.inline.append(f'<{tag} style="{value}">')
            elif name.startswith("on"):
                self.page.inline.append(f'<{tag} {name}="{value}">')
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.page.inline.append(f'<{tag} {name}="{value}">')
        if tag == "style":
            self.page.inline.append("<style> element")
        if tag == "script":
            self.in_script = True
            self.script_has_src = bool(attrs.get("src"))
            self.script_text = ""

    # --- parsing --------------------------------------------------------------------------------

    def handle_starttag(self, tag, attr_list):
        attrs = {name: value for name, value in attr_list}
        self._check_inline(tag, attrs)
        if tag == "form":
            action = urljoin(self.url, attrs.get("action") or self.url)
            self.form = Form(
                action=action,
                method=(attrs.get("method") or "get").upper(),
                enctype=attrs.get("enctype") or "application/x-www-form-urlencoded",
            )
            self.page.forms.append(self.form)
        elif tag == "a" and attrs.get("href"):
            self._link(attrs["href"])
        elif self.form is not None and tag in ("button", "input") and attrs.get("formaction"):
            self.form.formactions.append(urlsplit(urljoin(self.url, attrs["formaction"])).path)
        elif self.form is not None and attrs.get("name") and "disabled" not in attrs:
            if tag == "input":
                kind = (attrs.get("type") or "text").lower()
                if kind in INPUTS_WITHOUT_DATA:
                    return
                if kind in ("checkbox", "radio") and "checked" not in attrs:
                    value = ""
                else:
                    value = attrs.get("value") or ("on" if kind in ("checkbox", "radio") else "")
                options = [attrs.get("value") or "on"] if kind in ("checkbox", "radio") else []
                self.form.fields.append(Field(attrs["name"], kind, value, options))
            elif tag == "select":
                self.select = Field(attrs["name"], "select-multiple" if "multiple" in attrs else "select")
                self.form.fields.append(self.select)
            elif tag == "textarea":
                self.textarea = Field(attrs["name"], "textarea")
                self.form.fields.append(self.textarea)
        if tag == "option" and self.select is not None:
            value = attrs.get("value") or ""
            self.select.options.append(value)
            if "selected" in attrs or not self.select.value:
                self.select.value = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "script":
            if not self.script_has_src and self.script_text.strip():
                self.page.inline.append(f"<script>{self.script_text.strip()[:60]}…</script>")
            self.in_script = False

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data
        if self.in_script:
            self.script_text += data

    def _link(self, href: str) -> None:
        parts = urlsplit(urljoin(self.url, href))
        if parts.netloc not in ("", "localhost") or not parts.query:
            return
        self.page.links.append(Link(parts.path, parse_qsl(parts.query, keep_blank_values=True)))


def read(html: str, url: str = "/") -> Page:
    """The forms, query links and inline code of ``html``, served at ``url``."""
    reader = _Reader(url)
    reader.feed(html)
    reader.close()
    for form in reader.page.forms:
        parts = urlsplit(form.action)
        # A GET form replaces the action's query string with its fields, as a browser does.
        form.action = parts.path if form.method == "GET" or not parts.query else f"{parts.path}?{parts.query}"
    return reader.page
