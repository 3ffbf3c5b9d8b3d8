from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group

from quiver.core.roles import Role

from .models import User


class AdminForm(forms.Form):
    """Labels without a trailing colon (the pages set them as headings and field labels)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _group_field(required=False):
    return forms.ModelMultipleChoiceField(
        queryset=Group.objects.order_by("name"), required=required, widget=forms.CheckboxSelectMultiple
    )


class UserCreateForm(AdminForm):
    username = forms.CharField(max_length=150)
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(required=False)
    role = forms.ChoiceField(choices=Role.choices, initial=Role.VIEWER)
    password = forms.CharField(
        widget=forms.PasswordInput(render_value=False),
        strip=False,
        help_text="At least 8 characters. Share it privately; they can change it.",
    )
    groups = _group_field()

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("A user with that username already exists.")
        return username

    def clean(self):
        data = super().clean()
        if data.get("password"):
            candidate = User(
                username=data.get("username", ""),
                email=data.get("email", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(data["password"], candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class ProfileForm(AdminForm):
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(required=False)


class RoleForm(AdminForm):
    role = forms.ChoiceField(choices=Role.choices)


class UserGroupsForm(AdminForm):
    groups = _group_field()


class GroupNameForm(AdminForm):
    name = forms.CharField(max_length=150)


class GroupMembersForm(AdminForm):
    members = forms.ModelMultipleChoiceField(
        queryset=User.objects.order_by("username"), required=False, widget=forms.CheckboxSelectMultiple
    )


class TokenForm(AdminForm):
    name = forms.CharField(max_length=100, help_text='What the token is for, e.g. "CRM sync".')
