"""The ``mingbai`` command (``CONTRACT.md``, "Command line").

    mingbai serve [--host H] [--port P] [--workers N]   the web app: chat at /, API under /api/v1
    mingbai calc                                calculation request (JSON, stdin) → result (JSON)
    mingbai explain [--format F] [--locale L]   calculation request → step-by-step explanation
    mingbai ask "MESSAGE"                       one chat turn without a session → chat reply (JSON)
    mingbai batch [IN] [-o OUT] [--workers N]   JSON Lines of requests → JSON Lines of results
    mingbai check [--format F] [--locale L]     {"request", "slip"} → the bill check (JSON, or text)

Invalid input exits 2 with ``{"error": {"code", "message", "path", …}}`` on stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

import msgspec

from calculator import CalculatorError, FieldError, InvalidRequest

_ENCODER = msgspec.json.Encoder(decimal_format="string")


def _print_json(obj: Any) -> None:
    sys.stdout.write(msgspec.json.format(_ENCODER.encode(obj), indent=2).decode("utf-8") + "\n")


def _fail(error: CalculatorError) -> int:
    _print_json({"error": error.to_dict()})
    return 2


def _stdin() -> bytes:
    data = sys.stdin.buffer.read()
    if not data.strip():
        raise InvalidRequest.of([FieldError(path="", code="empty_input",
                                            message="标准输入为空：请通过标准输入提供 JSON 格式的计算请求。")])
    return data


def cmd_calc(args: argparse.Namespace) -> int:
    from calculator import calculate_raw

    _print_json(calculate_raw(_stdin()))
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from calculator import decode_request
    from explanations import explain_request

    out = explain_request(decode_request(_stdin()), format=args.format, locale=args.locale)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    os.environ.setdefault("MINGBAI_NO_WARMUP", "1")  # one turn, then exit: no warm-up first
    from assistant.chat.dialogue import ask_once

    _print_json(ask_once(args.message, locale=args.locale))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from calculator import check_bill_raw as check_raw
    from explanations import bill_check_payload, explain_bill_check

    request, check = check_raw(_stdin())
    if args.format == "json":
        _print_json(bill_check_payload(check, locale=args.locale, request=request))
    else:
        out = explain_bill_check(check, format=args.format, locale=args.locale, request=request)
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.server import serve

    serve(host=args.host, port=args.port, workers=args.workers)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    import os
    import time

    from calculator import settle_lines

    source = sys.stdin.buffer if args.input == "-" else open(args.input, "rb")  # noqa: SIM115
    sink = sys.stdout.buffer if args.output == "-" else open(args.output, "wb")  # noqa: SIM115
    size = os.fstat(source.fileno()).st_size if args.input != "-" else 0
    show = args.progress or sys.stderr.isatty()
    workers = args.workers or os.cpu_count() or 1
    done = errors = 0
    started = last = time.monotonic()

    def progress(final: bool = False) -> None:
        rate = done / max(time.monotonic() - started, 1e-9)
        share = f"{min(source.tell() / size, 1.0):6.1%} " if size and not final else ""
        sys.stderr.write(f"\r{share}{done:,} 行（{errors:,} 行出错），{rate:,.0f} 行/秒" + ("\n" if final else ""))
        sys.stderr.flush()

    try:
        for out in settle_lines(source, workers=workers, trace=args.trace):
            sink.write(out)
            sink.write(b"\n")
            done += 1
            if out.startswith(b'{"line"'):
                errors += 1
            if show and (now := time.monotonic()) - last >= 0.25:
                last = now
                progress()
        if show:
            progress(final=True)
    finally:
        sink.flush()
        if sink is not sys.stdout.buffer:
            sink.close()
        if source is not sys.stdin.buffer:
            source.close()
    return 0


def _json_command(func: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        import calculator

        handler = getattr(calculator, func)
        _print_json(handler(_stdin()))
        return 0

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mingbai", description="明白账：把门诊医保账单讲明白")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("serve", help="运行网页应用（聊天、接口、坐席台、自助机嵌入页）")
    p.add_argument("--host", default=None, help="监听地址（默认 MINGBAI_HOST 或 127.0.0.1）")
    p.add_argument("--port", type=int, default=None, help="端口（默认 MINGBAI_PORT 或 8000）")
    p.add_argument("--workers", type=int, default=None, help="工作进程数（默认 MINGBAI_WORKERS 或 CPU 数）")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("calc", help="从标准输入读取计算请求（JSON），输出计算结果（JSON）")
    p.set_defaults(func=cmd_calc)
    p = sub.add_parser("explain", help="从标准输入读取计算请求，输出逐步说明")
    p.add_argument("--format", choices=["text", "markdown", "html"], default="text")
    p.add_argument("--locale", choices=["zh-CN", "en"], default="zh-CN")
    p.set_defaults(func=cmd_explain)
    p = sub.add_parser("ask", help="一轮对话（不保存会话），输出回复（JSON）")
    p.add_argument("message")
    p.add_argument("--locale", choices=["zh-CN", "en"], default="zh-CN")
    p.set_defaults(func=cmd_ask)
    p = sub.add_parser("batch", help="批量计算：每行一个计算请求（JSON Lines），每行输出一个结果；出错的行输出错误，不中断")
    p.add_argument("input", nargs="?", default="-", help="输入文件（默认标准输入）")
    p.add_argument("-o", "--output", default="-", help="输出文件（默认标准输出）")
    p.add_argument("--workers", type=int, default=0, help="进程数（默认全部 CPU 核）")
    p.add_argument("--progress", action="store_true", help="在标准错误显示进度（终端上默认显示）")
    p.add_argument("--trace", action="store_true", help="输出每次就诊的完整步骤和引文（默认只输出数字）")
    p.set_defaults(func=cmd_batch)
    p = sub.add_parser("check", help="核对结算单：从标准输入读取 {\"request\", \"slip\"}（JSON），输出核对结果")
    p.add_argument("--format", choices=["json", "text", "markdown", "html"], default="json")
    p.add_argument("--locale", choices=["zh-CN", "en"], default="zh-CN")
    p.set_defaults(func=cmd_check)
    for name, func, help_ in (
        ("account-credits", "credits_run_json", "个人账户按月划入（JSON 标准输入）"),
        ("account-usage", "usage_run_json", "个人账户能否支付某项费用（JSON 标准输入）"),
        ("budget", "budget_run_json", "南昌居民门诊统筹签约机构预算与结算（JSON 标准输入）"),
    ):
        p = sub.add_parser(name, help=help_)
        p.set_defaults(func=_json_command(func))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CalculatorError as exc:
        return _fail(exc)
    except KeyboardInterrupt:  # pragma: no cover
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
