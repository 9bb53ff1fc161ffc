"""Server-rendered pages: one Jinja environment, the shared page helpers, the problem page.

The environment autoescapes HTML, is strict about undefined names, and is built once per app. Page
chrome is Chinese; per-request words (the kiosk's English labels) come from a dict passed in the
context, never from a process-global translation, so concurrent requests in two languages cannot
race.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from litestar import Request, Response
from litestar.plugins.jinja import JinjaTemplateEngine as Engine
from litestar.template.config import TemplateConfig
from markupsafe import Markup

__all__ = ["STATIC", "TEMPLATES", "environment", "render", "render_problem_page", "template_config"]

HERE = Path(__file__).resolve().parent.parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

_ENV: jinja2.Environment | None = None


def _yuan(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.2f}"


def _percent(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{(value * 100).normalize():f}%"


def _ticks(text: str) -> Markup:
    """Escape, then show `code` spans (from OpenAPI descriptions) as <code>."""
    parts = str(Markup.escape(text)).split("`")
    return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))


def environment() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            autoescape=jinja2.select_autoescape(["html", "svg"]),
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters["yuan"] = _yuan
        env.filters["percent"] = _percent
        env.filters["ticks"] = _ticks
        env.globals["Markup"] = Markup
        _ENV = env
    return _ENV


def template_config() -> TemplateConfig:
    return TemplateConfig(instance=Engine.from_environment(environment()))


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


def html_response(body: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(content=body, status_code=status, media_type="text/html", headers=headers or {})


def render_problem_page(request: Request, problem: Any, headers: dict[str, str]) -> Response:
    body = render("problem.html", problem=problem, nav=_nav(request.url.path), page_title=problem.title)
    return html_response(body, problem.status, headers)


def _nav(path: str) -> list[tuple[str, str, bool]]:
    items = [("/console", "坐席台"), ("/embed/explain", "自助机页面"), ("/docs/embed", "嵌入说明"), ("/schema", "接口文档")]
    return [(href, label, path.startswith(href)) for href, label in items]


nav = _nav
