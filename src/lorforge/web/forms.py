"""Form rendering shared by every app: one markup for every field."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Renders ``{{ form }}`` and ``{{ field.as_field_group }}`` with LORforge's field markup."""

    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"
