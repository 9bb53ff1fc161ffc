"""``POST /api/v1/chat``: one chat turn in a session (``CONTRACT.md``, "Chat reply").

* **Server-issued ids only.** A ``session_id`` the store does not hold (never issued by us, or
  expired) is not adopted: the turn starts a new session under a new id.
* **A session only when there is state to keep.** A greeting or a question answered from nothing
  stores nothing and answers ``"session_id": null``; the first turn that tells a fact creates it.
* **One turn at a time per session**, in arrival order, across workers and processes
  (:meth:`assistant.chat.sessions.ChatSessions.locked`); a turn that waited too long gets 503
  with ``Retry-After`` and is not applied.
* The dialogue runs in a worker thread, never on the event loop.
* A session holds at most :data:`MAX_VISITS` visits: every turn settles them all again, so a
  longer ledger would make every turn slow. The turn that would go past it is refused (422,
  ``errors[].path`` ``message``) and the session is kept as it was.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, Response, post
from litestar.exceptions import ServiceUnavailableException
from litestar.params import JSONBody

from assistant.chat.dialogue import ChatReply, SessionState, new_state, turn
from assistant.chat.sessions import SESSION_ID, ChatSessions, SessionBusy
from calculator import FieldError, InvalidRequest

from . import render
from .body import exact_body
from .problems import responses as _responses
from .schemas import ChatRequest
from .work import run_cpu

__all__ = ["MAX_MESSAGE", "MAX_VISITS", "ChatController", "ChatRequest"]

MAX_MESSAGE = 500
#: visits one chat session may hold (its ledger and the current visit): every turn settles them all,
#: 100 visits ≈ 0.2 s a turn (benchmarks/bench_soak.py --worst), 366 would be 1.2 s
MAX_VISITS = 100
JSON = "application/json"

class _Wire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """What the decoder accepts; :func:`decode_chat` then checks it with Chinese messages
    (:class:`ChatRequest` documents the same bounds in OpenAPI)."""

    message: str
    session_id: str | None = None


_DECODER = msgspec.json.Decoder(_Wire)
_ENCODER = msgspec.msgpack.Encoder()
_EMPTY = _ENCODER.encode(new_state())


def decode_chat(raw: bytes) -> ChatRequest:
    from calculator import from_msgspec

    if not raw.strip():
        raise InvalidRequest.of([FieldError("", "empty_body", "请求体为空：请发送 {\"message\": \"……\"}。")])
    try:
        req = _DECODER.decode(raw)
    except msgspec.DecodeError as exc:
        raise InvalidRequest.of([from_msgspec(exc)]) from None
    errors = []
    if not req.message.strip():
        errors.append(FieldError("message", "missing_field", "消息（message）不能为空。"))
    elif len(req.message) > MAX_MESSAGE:
        errors.append(FieldError("message", "too_long", f"消息（message）太长了，请不超过{MAX_MESSAGE}个字。"))
    if req.session_id is not None and not SESSION_ID.match(req.session_id):
        errors.append(FieldError("session_id", "invalid_value",
                                 "会话编号（session_id）格式不对：请使用上次回复中的 session_id，或不填以开始新会话。"))
    if errors:
        raise InvalidRequest.of(errors)
    return ChatRequest(message=req.message, session_id=req.session_id)


ChatRequestBody = exact_body(ChatRequest, decode_chat, "ChatRequestBody")


#: the dialogue's own bookkeeping: what it asked, how many turns — not something the person said
_BOOKKEEPING = ("turns", "asking", "asked")


def _worth_keeping(state: SessionState) -> bool:
    """Does the state hold anything the person told us (the dialogue's bookkeeping aside)?"""
    fresh = new_state()
    reset = {name: getattr(fresh, name) for name in _BOOKKEEPING if hasattr(state, name)}
    return _ENCODER.encode(msgspec.structs.replace(state, **reset)) != _EMPTY


def _visits(state: SessionState) -> int:
    return len(state.ledger) + (1 if state.known.amount is not None else 0)


def _too_many_visits() -> InvalidRequest:
    return InvalidRequest.of([FieldError(
        "message", "too_many_visits",
        f"这次对话已经记了 {MAX_VISITS} 次就诊，不能再加了（之前说的都还在）。"
        "全年账单请用“计算接口”一次提交，或说“重新开始”开始新的对话。")])


def _busy() -> ServiceUnavailableException:
    return ServiceUnavailableException(detail="上一条消息还在处理中，这条消息没有处理（之前说的都还在），请稍后再发。",
                                       headers={"Retry-After": "1"})


class ChatController(Controller):
    path = "/api/v1/chat"
    tags = ["聊天"]

    @post(
        "/",
        summary="一轮对话",
        description=("请求体 {\"session_id\"?: str, \"message\": str}。不使用 Cookie：会话编号放在请求体中，"
                     "首轮不填，之后使用回复中的 session_id（只接受服务器发出的编号；未知或过期的编号会开始新会话，"
                     "回复中是新编号）。只有需要记住内容时才建立会话：打招呼、问用法时 session_id 为 null。"
                     "同一会话的消息按到达顺序逐条处理。会话闲置 30 分钟后删除；发送“重新开始”立即删除。"
                     f"一个会话最多记 {MAX_VISITS} 次就诊。"),
        status_code=200,
        opt={"frameable": True},
        dto=ChatRequestBody, return_dto=None,
        response_description="对话回复",
        responses=_responses(400, 413, 422, 429, 503),
    )
    async def chat(self, request: Request, data: JSONBody[ChatRequest]) -> Response[ChatReply]:
        return await handle_turn(request, data)


async def handle_turn(request: Request, data: ChatRequest) -> Response[ChatReply]:
    locale = render.negotiate_locale(request.headers.get("accept-language"))
    sessions: ChatSessions = request.app.state.chat_sessions
    if data.session_id:
        try:
            async with sessions.locked(data.session_id):
                state = await sessions.load(data.session_id)
                if state is not None:
                    return await _apply(sessions, data.session_id, state, data.message, locale)
        except SessionBusy:
            raise _busy() from None
    # a new conversation: its id is ours and nobody else knows it yet
    return await _apply(sessions, None, new_state(), data.message, locale)


async def _apply(sessions: ChatSessions, session_id: str | None, state: SessionState, message: str,
                 locale: str) -> Response[ChatReply]:
    before = _visits(state)
    state, reply = await run_cpu(turn, state, message, locale)
    if _visits(state) > max(before, MAX_VISITS):
        raise _too_many_visits()
    if reply.intent == "reset" or not _worth_keeping(state):
        if session_id is not None:
            await sessions.delete(session_id)
        session_id = None
    else:
        session_id = session_id or sessions.new_id()
        await sessions.save(session_id, state)
    body = ChatReply(session_id=session_id, reply=reply)
    raw: Any = msgspec.json.encode(body)  # encoded bytes; the annotation documents the schema
    language = "en" if state.english else locale  # the reply's language: an English message gets English
    return Response(raw, media_type=JSON, headers={"Content-Language": language, "Cache-Control": "no-store"})
