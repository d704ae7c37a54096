"""Quizzes: the answer key (solutions/), the student copy without readable answers (exercises/),
checking an answer against either, and reading a student's saved answers safely.

Student copy: each answer is replaced by salted, slow (PBKDF2) hashes. A numeric answer is hashed
per tolerance bucket, so a value within the tolerance still matches (the local check accepts
errors up to 1.5× the tolerance; grading uses the real key and the exact tolerance). The
explanation is encrypted with a key derived from the right answer: it shows once you get it right.
"""
from __future__ import annotations

import base64
import hashlib
import math
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from autograder import schema
from autograder.errors import UserError

MAX_ANSWERS_BYTES = 64 * 1024
ITERATIONS = 20_000
LETTERS = "abcdefghij"

QUESTION_SCHEMA = {
    "type": "object",
    "required": ["id", "type", "prompt", "answer"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"},
        "type": {"enum": ["numeric", "choice", "multi"]},
        "prompt": {"type": "string", "minLength": 1},
        "options": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 10},
        "answer": {},
        "labels": {"type": "array", "items": {"type": "string"}},
        "tol": {"type": "number", "exclusiveMinimum": 0},
        "rtol": {"type": "number", "exclusiveMinimum": 0},
        "explanation": {"type": "string"},
    },
}
QUIZ_SCHEMA = {
    "type": "object",
    "required": ["section", "questions"],
    "additionalProperties": False,
    "properties": {"section": {"type": "string"},
                   "questions": {"type": "array", "minItems": 1, "items": QUESTION_SCHEMA}},
}


@dataclass
class Question:
    id: str
    type: str
    prompt: str
    options: list[str] = field(default_factory=list)
    answer: object = None  # key only: float list (numeric) or sorted letter list (choice/multi)
    labels: list[str] = field(default_factory=list)
    tol: float | None = None
    rtol: float | None = None
    explanation: str = ""
    check: dict | None = None  # student copy only

    @property
    def count(self) -> int:
        """How many numbers a numeric answer has."""
        if self.type != "numeric":
            return 1
        if self.answer is not None:
            return len(self.answer)
        return len(self.check["buckets"])


@dataclass
class Quiz:
    section: str
    questions: list[Question]
    is_key: bool


# Parsing --------------------------------------------------------------------------------------
def _canonical_letters(value, q: Question, source: str) -> list[str]:
    letters = value if isinstance(value, list) else [value]
    out = []
    for v in letters:
        v = str(v).strip().lower()
        if len(v) != 1 or v not in LETTERS[: len(q.options)]:
            raise UserError(f"{source}: question {q.id!r}: answer {v!r} is not an option letter "
                            f"a-{LETTERS[len(q.options) - 1]}")
        out.append(v)
    if q.type == "choice" and len(out) != 1:
        raise UserError(f"{source}: question {q.id!r}: a 'choice' question has exactly one answer (use 'multi')")
    return sorted(set(out))


def parse_quiz(text: str, source: str) -> Quiz:
    try:
        data = schema.load_yaml(text)
    except yaml.YAMLError as exc:
        raise UserError(f"{source}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if isinstance(data, dict) and "questions" in data and any(isinstance(q, dict) and "check" in q
                                                              for q in data["questions"] or []):
        return _parse_student_copy(data, source)
    errors = schema.errors(QUIZ_SCHEMA, data)
    if errors:
        err = errors[0]
        where = ".".join(str(p) for p in err.path) or "(top level)"
        raise UserError(f"{source}: field {where}: {err.message}")
    questions = []
    seen = set()
    for raw in data["questions"]:
        q = Question(id=raw["id"], type=raw["type"], prompt=raw["prompt"], options=raw.get("options", []),
                     labels=raw.get("labels", []), tol=raw.get("tol"), rtol=raw.get("rtol"),
                     explanation=raw.get("explanation", ""))
        if q.id in seen:
            raise UserError(f"{source}: question id {q.id!r} used twice")
        seen.add(q.id)
        if q.type == "numeric":
            values = raw["answer"] if isinstance(raw["answer"], list) else [raw["answer"]]
            if not values or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                raise UserError(f"{source}: question {q.id!r}: a numeric answer is a number or a list of numbers")
            q.answer = [float(v) for v in values]
            if q.labels and len(q.labels) != len(q.answer):
                raise UserError(f"{source}: question {q.id!r}: {len(q.labels)} labels for {len(q.answer)} numbers")
            if q.rtol is not None and any(v == 0 for v in q.answer):
                raise UserError(f"{source}: question {q.id!r}: rtol cannot check an answer of 0; use tol")
            if q.tol is None and q.rtol is None:
                q.tol = 1e-9
        else:
            if len(q.options) < 2:
                raise UserError(f"{source}: question {q.id!r}: a {q.type} question needs at least 2 options")
            q.answer = _canonical_letters(raw["answer"], q, source)
        questions.append(q)
    return Quiz(section=str(data["section"]), questions=questions, is_key=True)


def _parse_student_copy(data: dict, source: str) -> Quiz:
    try:
        questions = [Question(id=q["id"], type=q["type"], prompt=q["prompt"], options=q.get("options", []),
                              labels=q.get("labels", []), check=q["check"]) for q in data["questions"]]
    except (KeyError, TypeError):
        raise UserError(f"{source}: not a quiz file") from None
    return Quiz(section=str(data.get("section", "")), questions=questions, is_key=False)


def load_quiz(path: Path) -> Quiz:
    if not path.is_file():
        raise UserError(f"{path}: no quiz file")
    return parse_quiz(path.read_text(encoding="utf-8"), str(path))


# Hashing -------------------------------------------------------------------------------------
def _hash(salt: str, text: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", text.encode(), salt.encode(), ITERATIONS).hex()[:32]


def _width(q_tol: float | None, q_rtol: float | None) -> tuple[str, float]:
    return ("rel", q_rtol / 2) if q_rtol is not None else ("abs", q_tol / 2)


def _bucket(value: float, scale: str, width: float) -> str:
    if scale == "abs":
        return str(math.floor(value / width))
    sign = "+" if value > 0 else "-"
    return sign + str(math.floor(math.log(abs(value)) / math.log1p(width)))


def _shift(bucket: str, d: int) -> str:
    if bucket[0] in "+-" and bucket[1:].lstrip("-").isdigit():
        return bucket[0] + str(int(bucket[1:]) + d)
    return str(int(bucket) + d)


def _keystream(key: bytes, n: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(key + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:n]


def _encrypt(text: str, secret: str, salt: str) -> str:
    data = text.encode()
    key = hashlib.sha256((salt + "|explain|" + secret).encode()).digest()
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, _keystream(key, len(data))))).decode()


def _decrypt(blob: str, secret: str, salt: str) -> str:
    data = base64.b64decode(blob)
    key = hashlib.sha256((salt + "|explain|" + secret).encode()).digest()
    return bytes(a ^ b for a, b in zip(data, _keystream(key, len(data)))).decode(errors="replace")


def _secret(q: Question) -> str:
    """The canonical form of the right answer, as the student copy can rebuild it once matched."""
    if q.type == "numeric":
        scale, width = _width(q.tol, q.rtol)
        return ",".join(_bucket(v, scale, width) for v in q.answer)
    return ",".join(q.answer)


def student_copy(quiz: Quiz, seed: str) -> str:
    """YAML of the quiz with hashed answers and encrypted explanations (deterministic per seed)."""
    out = {"section": quiz.section, "questions": []}
    for q in quiz.questions:
        salt = hashlib.sha256(f"{seed}|{quiz.section}|{q.id}".encode()).hexdigest()[:16]
        if q.type == "numeric":
            scale, width = _width(q.tol, q.rtol)
            check = {"scale": scale, "width": width, "salt": salt,
                     "buckets": [_hash(salt, f"{i}|{_bucket(v, scale, width)}") for i, v in enumerate(q.answer)]}
        else:
            check = {"salt": salt, "hash": _hash(salt, ",".join(q.answer))}
        if q.explanation:
            check["explanation"] = _encrypt(q.explanation, _secret(q), salt)
        entry = {"id": q.id, "type": q.type, "prompt": q.prompt}
        if q.options:
            entry["options"] = q.options
        if q.labels:
            entry["labels"] = q.labels
        entry["check"] = check
        out["questions"].append(entry)
    header = ("# Quiz for section {s}: answer with `dlbook quiz {s}`. The answers below are hashed.\n"
              .format(s=quiz.section))
    return header + yaml.safe_dump(out, sort_keys=False, allow_unicode=True, width=100)


def new_seed() -> str:
    return secrets.token_hex(8)


# Checking ------------------------------------------------------------------------------------
_PLAIN = (str, int, float, bool, type(None))


def normalize(q: Question, raw) -> object:
    """A student's answer in canonical form, or raise ValueError with a reason."""
    if not (isinstance(raw, _PLAIN) or (isinstance(raw, list) and len(raw) <= 32
                                        and all(isinstance(x, _PLAIN) for x in raw))):
        raise ValueError("expected a number, a letter, or a short list of them")  # never str() it: aliases
    if q.type == "numeric":
        values = raw if isinstance(raw, list) else [raw]
        if isinstance(raw, str):
            values = [v for v in raw.replace(",", " ").split() if v]
        if len(values) != q.count:
            raise ValueError(f"expected {q.count} number(s), got {len(values)}")
        out = []
        for v in values:
            if isinstance(v, bool):
                raise ValueError("expected a number")
            try:
                f = float(v)
            except (TypeError, ValueError):
                raise ValueError(f"{str(v)[:20]!r} is not a number") from None
            if not math.isfinite(f):
                raise ValueError("expected a finite number")
            out.append(f)
        return out
    values = raw if isinstance(raw, list) else [v for v in str(raw).replace(",", " ").split() if v]
    letters = []
    for v in values:
        v = str(v).strip().lower().strip("()")
        if len(v) != 1 or v not in LETTERS[: len(q.options)]:
            raise ValueError(f"{str(v)[:20]!r} is not one of the options a-{LETTERS[len(q.options) - 1]}")
        letters.append(v)
    if not letters:
        raise ValueError("no option chosen")
    if q.type == "choice" and len(set(letters)) != 1:
        raise ValueError("choose exactly one option")
    return sorted(set(letters))


def is_right(q: Question, answer) -> bool:
    """Exact check against the key (grading)."""
    if q.type == "numeric":
        for got, want in zip(answer, q.answer):
            tol = q.tol if q.tol is not None else q.rtol * abs(want)
            if not abs(got - want) <= tol * (1 + 1e-12):
                return False
        return True
    return answer == q.answer


def check_student(q: Question, answer) -> tuple[bool, str]:
    """Check against the hashed copy (self-check); returns (right, explanation if right)."""
    c = q.check
    if q.type == "numeric":
        scale, width, salt = c["scale"], float(c["width"]), c["salt"]
        matched = []
        for i, (got, want_hash) in enumerate(zip(answer, c["buckets"])):
            if scale == "rel" and got == 0:
                return False, ""
            base = _bucket(got, scale, width)
            hit = next((_shift(base, d) for d in (0, -1, 1, -2, 2)
                        if _hash(salt, f"{i}|{_shift(base, d)}") == want_hash), None)
            if hit is None:
                return False, ""
            matched.append(hit)
        secret = ",".join(matched)
    else:
        secret = ",".join(answer)
        if _hash(c["salt"], secret) != c["hash"]:
            return False, ""
    explanation = _decrypt(c["explanation"], secret, c["salt"]) if c.get("explanation") else ""
    return True, explanation


# Saved answers --------------------------------------------------------------------------------
def read_answers(path: Path) -> dict:
    """A student's saved answers: untrusted input (size-limited, safe YAML, shape-checked)."""
    if path.is_symlink() or not path.is_file():
        raise ValueError("no answers file")
    if path.stat().st_size > MAX_ANSWERS_BYTES:
        raise ValueError(f"answers file is larger than {MAX_ANSWERS_BYTES // 1024} KiB")
    try:
        data = schema.load_yaml(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(f"answers file is not valid YAML ({type(exc).__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ValueError("answers file has no 'answers' mapping")
    return {str(k): v for k, v in data["answers"].items()}


def write_answers(path: Path, section: str, answers: dict) -> None:
    from autograder.atomic import write_text_atomic

    text = (f"# Your answers to the quiz of section {section} (saved by dlbook quiz).\n"
            + yaml.safe_dump({"section": section, "answers": answers}, sort_keys=False, allow_unicode=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)


def key_answers(quiz: Quiz) -> dict:
    """The key's answers, in the saved-answers format (so solutions/ grade themselves)."""
    return {q.id: (q.answer if q.type == "numeric" or q.type == "multi" else q.answer[0]) for q in quiz.questions}
