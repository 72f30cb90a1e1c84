"""Request models for the OpenAI-compatible API, with the server's limits.

Pydantic checks types and ranges; `check_limits()` applies the limits that depend on the
server's settings (messages, content length, max_tokens). Unknown fields that OpenAI clients send
(`user`, `n`=1, penalties...) are accepted and ignored, as OpenAI-compatible servers do.

Every string, list and map of the schema has a fixed upper bound (the `MAX_*` constants below,
shown in the OpenAPI schema as maxLength / maxItems / maxProperties), whatever the body-size cap:
the settings in `Limits` can only tighten them (the CLI refuses larger values).
"""
from typing import Dict, List, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from typing_extensions import Annotated

MAX_MESSAGES = 4096              # messages in one request (--max-messages: at most this)
MAX_TEXT_CHARS = 1_000_000       # one message's text (--max-content-chars: at most this)
MAX_PARTS = 256                  # content parts in one message
MAX_SHORT_CHARS = 256            # model, message name, one stop sequence
MAX_STOPS = 4
MAX_BIAS = 300                   # logit_bias entries
MAX_TOKEN_ID_CHARS = 10          # a logit_bias key: a token id below 10^10
MAX_NAME_KEYS = 8                # the `names` extension (see name_constraint.py)
MAX_NAMES = 20_000               # names in all, over every key
MAX_NAME_CHARS = 100             # one name or key

Short = Annotated[str, StringConstraints(max_length=MAX_SHORT_CHARS)]
NameText = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS)]


class TextPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["text"]
    text: str = Field(max_length=MAX_TEXT_CHARS)


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "user", "assistant"]
    content: Union[Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)],
                   Annotated[List[TextPart], Field(max_length=MAX_PARTS)]]
    name: Optional[Short] = None

    def text(self) -> str:
        if isinstance(self.content, str):
            return self.content
        return "".join(part.text for part in self.content)


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")
    include_usage: bool = False


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    model: Optional[Short] = None
    messages: List[ChatMessage] = Field(min_length=1, max_length=MAX_MESSAGES)
    stream: bool = False
    stream_options: Optional[StreamOptions] = None
    temperature: float = Field(default=1.0, ge=0.0, le=2.0)
    top_p: float = Field(default=1.0, gt=0.0, le=1.0)
    max_tokens: Optional[int] = Field(default=None, ge=1)
    max_completion_tokens: Optional[int] = Field(default=None, ge=1)
    stop: Optional[Union[Short, Annotated[List[Short], Field(max_length=MAX_STOPS)]]] = None
    seed: Optional[int] = Field(default=None, ge=0, le=2 ** 32 - 1)   # llama.cpp and MLX take 32 bits
    n: int = Field(default=1, ge=1, le=1)
    logit_bias: Optional[Annotated[Dict[Annotated[str, StringConstraints(max_length=MAX_TOKEN_ID_CHARS)],
                                        float], Field(max_length=MAX_BIAS)]] = None
    speculative: Optional[bool] = None       # RhinoCoder extension: prompt-lookup decoding
    # RhinoCoder extension: names allowed after each prefix (name_constraint.py)
    names: Optional[Annotated[Dict[NameText, Annotated[List[NameText], Field(max_length=MAX_NAMES)]],
                              Field(max_length=MAX_NAME_KEYS)]] = None

    @field_validator("stop")
    @classmethod
    def _stops(cls, value):
        if isinstance(value, list):
            if len(value) > MAX_STOPS:
                raise ValueError("at most %d stop sequences" % MAX_STOPS)
            if any(not s for s in value):
                raise ValueError("stop sequences must not be empty")
        return value

    @field_validator("logit_bias")
    @classmethod
    def _bias(cls, value):
        if value is None:
            return value
        if len(value) > MAX_BIAS:
            raise ValueError("at most %d logit_bias entries" % MAX_BIAS)
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


def check_names(names: Dict[str, List[str]]) -> Optional[str]:
    """Why a request's `names` field is unusable, or None (the RhinoCoder `names` extension)."""
    if len(names) > MAX_NAME_KEYS:
        return "at most %d name prefixes" % MAX_NAME_KEYS
    total = 0
    for prefix, listed in names.items():
        parts = prefix.split(".")
        if len(prefix) > MAX_NAME_CHARS:
            return "names key is longer than %d characters" % MAX_NAME_CHARS
        if not all(p.isidentifier() for p in parts):
            return "names key %r is not a dotted Python name" % prefix
        for name in listed:
            if len(name) > MAX_NAME_CHARS:
                return "names[%r] has a name longer than %d characters" % (prefix, MAX_NAME_CHARS)
            if not (name.isidentifier() and name.isascii()):
                return "names[%r] has %r, which is not an ASCII identifier" % (prefix, name)
        if not listed:
            return "names[%r] is empty" % prefix
        total += len(listed)
        if total > MAX_NAMES:
            return "at most %d names in all" % MAX_NAMES
    return None
