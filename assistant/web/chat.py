"""``POST /api/v1/chat``: one chat turn in a session (``CONTRACT.md``, "Chat reply")."""

from __future__ import annotations

import msgspec
from litestar import Controller, Request, Response, post

from assistant.chat.dialogue import ChatReply, turn
from assistant.chat.sessions import SESSION_ID, ChatSessions
from calculator import FieldError, InvalidRequest

from . import render

__all__ = ["MAX_MESSAGE", "ChatController", "ChatRequest"]

MAX_MESSAGE = 500
JSON = "application/json"


class ChatRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    message: str
    session_id: str | None = None


_DECODER = msgspec.json.Decoder(ChatRequest)


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
    return req


class ChatController(Controller):
    path = "/api/v1/chat"
    tags = ["聊天"]

    @post(
        "/",
        summary="一轮对话",
        description=("请求体 {\"session_id\"?: str, \"message\": str}。不使用 Cookie：会话编号放在请求体中，"
                     "首轮不填，之后使用回复中的 session_id。会话闲置 30 分钟后删除；发送“重新开始”立即删除。"),
        status_code=200,
        opt={"frameable": True},
    )
    async def chat(self, request: Request) -> Response[ChatReply]:
        data = decode_chat(await request.body())
        locale = render.negotiate_locale(request.headers.get("accept-language"))
        sessions: ChatSessions = request.app.state.chat_sessions
        session_id, state = await sessions.load(data.session_id)
        state, reply = turn(state, data.message, locale)
        if reply.intent == "reset":
            await sessions.delete(session_id)
        else:
            await sessions.save(session_id, state)
        body = ChatReply(session_id=session_id, reply=reply)
        return Response(msgspec.json.encode(body), media_type=JSON, headers={"Content-Language": locale,
                                                                             "Cache-Control": "no-store"})
