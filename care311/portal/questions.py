"""A service's questions as the filing form shows them, and their answers checked on the
server by care311.catalog.answers (the same checks the Open311 API makes)."""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from care311.catalog import answers as checks
from care311.catalog.models import Datatype, ServiceType, localized

MESSAGES = {
    checks.REQUIRED: gettext_lazy("Answer this question."),
    checks.ONE_VALUE: gettext_lazy("Choose one answer."),
    checks.NOT_NUMBER: gettext_lazy("Enter a number, such as 3 or 2.5."),
    checks.NOT_DATETIME: gettext_lazy("Enter a date and time, such as 2026-03-02 15:00."),
    checks.NOT_KEY: gettext_lazy("Choose one of the answers listed."),
    checks.NESTED: gettext_lazy("Choose one of the answers listed."),
}
WIDGETS = {
    Datatype.STRING: "text",
    Datatype.NUMBER: "number",
    Datatype.DATETIME: "datetime",
    Datatype.TEXT: "textarea",
    Datatype.SINGLEVALUELIST: "radio",
    Datatype.MULTIVALUELIST: "checkbox",
}


@dataclass
class Question:
    code: str
    label: str
    hint: str
    widget: str
    required: bool
    choices: list[tuple[str, str]]
    values: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def name(self) -> str:
        return f"attribute[{self.code}]"

    @property
    def id(self) -> str:
        return f"q-{self.code}"

    @property
    def value(self) -> str:
        return self.values[0] if self.values else ""


def questions_of(service: ServiceType, language: str, data: QueryDict | None = None) -> list:
    """The service's questions in `language`, holding what `data` answered, if given."""
    result = []
    for attribute in service.attributes.all():
        if not attribute.variable:
            continue
        question = Question(
            code=attribute.code,
            label=localized(attribute, "description", language),
            hint=localized(attribute, "datatype_description", language),
            widget=WIDGETS[Datatype(attribute.datatype)],
            required=attribute.required,
            choices=[
                (value.key, localized(value, "name", language)) for value in attribute.values.all()
            ],
        )
        if data is not None:
            question.values = data.getlist(question.name)
        result.append(question)
    return result


def check(service: ServiceType, questions: list[Question]) -> dict:
    """The answers to store; problems are written onto the questions' `error`."""
    given = {question.code: question.values for question in questions}
    stored, problems = checks.check_answers(service.attributes.all(), given)
    by_code = {question.code: question for question in questions}
    for problem in problems:
        if problem.kind == checks.TOO_LONG:
            message = _("Keep this answer under %(limit)s characters.") % {"limit": problem.limit}
        else:
            message = str(MESSAGES[problem.kind])
        by_code[problem.code].error = message
    return stored
