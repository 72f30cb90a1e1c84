"""Request models for the OpenAI-compatible API, with the server's limits.

Pydantic checks types and ranges; `check_limits()` applies the limits that depend on the
server's settings (messages, content length, max_tokens). Unknown fields that OpenAI clients send
(`user`, `n`=1, penalties...) are accepted and ignored, as OpenAI-compatible servers do.
"""
from typing import Dict, List, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator


class TextPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["text"]
    text: str


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "user", "assistant"]
    content: Union[str, List[TextPart]]
    name: Optional[str] = None

    def text(self) -> str:
        if isinstance(self.content, str):
            return self.content
        return "".join(part.text for part in self.content)


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")
    include_usage: bool = False


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    model: Optional[str] = None
    messages: List[ChatMessage] = Field(min_length=1)
    stream: bool = False
    stream_options: Optional[StreamOptions] = None
    temperature: float = Field(default=1.0, ge=0.0, le=2.0)
    top_p: float = Field(default=1.0, gt=0.0, le=1.0)
    max_tokens: Optional[int] = Field(default=None, ge=1)
    max_completion_tokens: Optional[int] = Field(default=None, ge=1)
    stop: Optional[Union[str, List[str]]] = None
    seed: Optional[int] = Field(default=None, ge=0, le=2 ** 32 - 1)   # llama.cpp and MLX take 32 bits
    n: int = Field(default=1, ge=1, le=1)
    logit_bias: Optional[Dict[str, float]] = None
    speculative: Optional[bool] = None       # RhinoCoder extension: prompt-lookup decoding
    names: Optional[Dict[str, List[str]]] = None   # RhinoCoder extension: names allowed after each prefix

    @field_validator("stop")
    @classmethod
    def _stops(cls, value):
        if isinstance(value, list):
            if len(value) > 4:
                raise ValueError("at most 4 stop sequences")
            if any(not s for s in value):
                raise ValueError("stop sequences must not be empty")
        return value

    @field_validator("logit_bias")
    @classmethod
    def _bias(cls, value):
        if value is None:
            return value
        if len(value) > 300:
            raise ValueError("at most 300 logit_bias entries")
        for key, bias in value.items():
            if not key.lstrip("-").isdigit() or int(key) < 0:
                raise ValueError("logit_bias keys must be token ids, got {!r}".format(key))
            if not -100.0 <= bias <= 100.0:
                raise ValueError("logit_bias values must be between -100 and 100")
        return value

    @field_validator("names")
    @classmethod
    def _names(cls, value):
        if value is not None:
            from model_server.name_constraint import check_names

            why = check_names(value)
            if why:
                raise ValueError(why)
        return value

    def stop_list(self) -> List[str]:
        if self.stop is None:
            return []
        return [self.stop] if isinstance(self.stop, str) else list(self.stop)

    def chat(self) -> List[Dict[str, str]]:
        """Messages as the chat template expects them (`developer` is a system message)."""
        return [{"role": "system" if m.role == "developer" else m.role, "content": m.text()}
                for m in self.messages]


class Limits(BaseModel):
    max_messages: int = 256
    max_content_chars: int = 100_000       # per message
    max_total_chars: int = 400_000
    max_tokens_limit: int = 4096
    default_max_tokens: int = 512
    max_prompt_tokens: int = 32_768


class LimitError(ValueError):
    def __init__(self, message: str, param: Optional[str]):
        super().__init__(message)
        self.param = param


def check_limits(req: ChatCompletionRequest, limits: Limits) -> int:
    """Raise LimitError for a request over the server's limits; return its max_tokens."""
    if len(req.messages) > limits.max_messages:
        raise LimitError("too many messages: {} (limit {})".format(
            len(req.messages), limits.max_messages), "messages")
    total = 0
    for i, message in enumerate(req.messages):
        size = len(message.text())
        total += size
        if size > limits.max_content_chars:
            raise LimitError("message {} is too long: {} characters (limit {})".format(
                i, size, limits.max_content_chars), "messages[{}].content".format(i))
    if total > limits.max_total_chars:
        raise LimitError("messages are too long: {} characters in all (limit {})".format(
            total, limits.max_total_chars), "messages")
    wanted = req.max_completion_tokens or req.max_tokens
    if wanted is None:
        return min(limits.default_max_tokens, limits.max_tokens_limit)
    if wanted > limits.max_tokens_limit:
        param = "max_completion_tokens" if req.max_completion_tokens else "max_tokens"
        raise LimitError("{} is {}, above this server's limit of {}".format(
            param, wanted, limits.max_tokens_limit), param)
    return wanted
