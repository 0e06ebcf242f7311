"""Form widgets an editor can use without seeing JSON: rows for lists, labelled sub-inputs
for groups and contact persons.

Rows are numbered inputs ``<name>_0``, ``<name>_1`` … plus a hidden ``<name>-rows`` count;
the page offers the stored rows and ``BLANK_ROWS`` empty ones (saving offers fresh ones).
"""

import copy
from typing import Any

from django import forms

BLANK_ROWS = 2
MAX_ROWS = 200


class LabelledMultiWidget(forms.MultiWidget):
    """A ``MultiWidget`` whose sub-inputs each get a visible label (a group or a person)."""

    template_name = "catalog/widgets/labelled_multi.html"

    def __init__(self, widgets: dict[str, forms.Widget], labels: dict[str, str], attrs=None):
        self.keys = list(widgets)
        self.labels = labels
        super().__init__(widgets=widgets, attrs=attrs)

    def decompress(self, value: Any) -> list:
        if isinstance(value, dict):
            return [value.get(key) for key in self.keys]
        return [None] * len(self.keys)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for key, subwidget in zip(self.keys, context["widget"]["subwidgets"], strict=True):
            subwidget["label"] = self.labels[key]
        return context

    def value_from_datadict(self, data, files, name) -> dict:
        values = super().value_from_datadict(data, files, name)
        return dict(zip(self.keys, values, strict=True))


class LabelledMultiField(forms.Field):
    """The form field of a group or a person: a dict of sub-values, cleaned by the services."""

    def __init__(self, *, widgets: dict[str, forms.Widget], labels: dict[str, str], **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(widget=LabelledMultiWidget(widgets, labels), **kwargs)

    def to_python(self, value: Any) -> dict | None:
        if not isinstance(value, dict):
            return None
        cleaned = {key: item for key, item in value.items() if item not in (None, "", [])}
        return cleaned or None


class RowsWidget(forms.Widget):
    """Numbered rows of one widget: the stored values and a few empty rows."""

    template_name = "catalog/widgets/rows.html"
    # Set by a form that wants the rows after the first (which the field's own label names)
    # named "<row_label> (2)", "<row_label> (3)" … for assistive technology.
    row_label: str | None = None

    def __init__(self, row_widget: forms.Widget, attrs=None):
        self.row_widget = row_widget
        super().__init__(attrs)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.row_widget = copy.deepcopy(self.row_widget, memo)
        return result

    @property
    def is_hidden(self) -> bool:
        return False

    @property
    def media(self):
        return self.row_widget.media

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        values = list(value) if isinstance(value, list | tuple) else []
        rows = []
        base_id = (attrs or {}).get("id") or f"id_{name}"
        for index, row_value in enumerate([*values, *([None] * BLANK_ROWS)]):
            row_attrs = {"id": f"{base_id}_{index}"}
            if self.row_label and index and not isinstance(self.row_widget, forms.MultiWidget):
                row_attrs["aria-label"] = f"{self.row_label} ({index + 1})"
            rendered = self.row_widget.render(f"{name}_{index}", row_value, row_attrs)
            rows.append({"number": index + 1, "id": row_attrs["id"], "html": rendered})
        context["widget"]["rows"] = rows
        context["widget"]["count_name"] = f"{name}-rows"
        context["widget"]["count"] = len(rows)
        return context

    def value_from_datadict(self, data, files, name) -> list:
        try:
            count = min(int(data.get(f"{name}-rows", 0)), MAX_ROWS)
        except (TypeError, ValueError):
            count = 0
        return [
            self.row_widget.value_from_datadict(data, files, f"{name}_{index}")
            for index in range(count)
        ]

    def value_omitted_from_data(self, data, files, name) -> bool:
        return f"{name}-rows" not in data

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_


class RowsField(forms.Field):
    """A list of values entered row by row; each row is parsed by ``row_field``."""

    def __init__(self, *, row_field: forms.Field, **kwargs):
        self.row_field = row_field
        kwargs.setdefault("required", False)
        super().__init__(widget=RowsWidget(row_field.widget), **kwargs)

    def to_python(self, value: Any) -> list:
        if not isinstance(value, list | tuple):
            return []
        rows = []
        for row in value:
            cleaned = self.row_field.clean(row)
            if cleaned not in (None, "", [], {}):
                rows.append(cleaned)
        return rows
