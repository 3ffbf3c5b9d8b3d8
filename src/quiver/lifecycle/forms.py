from django import forms
from django.contrib.auth import get_user_model

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"]


class LifecycleSettingsForm(forms.Form):
    """Schedule, expiry and replacement, internal-only flag, owner and verifier of one asset."""

    publish_at = forms.DateTimeField(label="Publish on", required=False, widget=DATETIME, input_formats=FORMATS,
                                     help_text="An approved draft is published then.")
    expires_at = forms.DateTimeField(label="Expires on", required=False, widget=DATETIME, input_formats=FORMATS,
                                     help_text="Viewers can no longer download or share it from then on.")
    replaced_by = forms.IntegerField(label="Replaced by (asset id)", required=False, min_value=1)
    internal_only = forms.BooleanField(label="Internal only: no download or sharing by viewers", required=False)
    owner = forms.ModelChoiceField(queryset=None, required=False)
    verifier = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, asset=None, **kwargs):
        kwargs.setdefault("auto_id", "lc-%s")
        if asset is not None and "initial" not in kwargs:
            kwargs["initial"] = {"publish_at": asset.publish_at, "expires_at": asset.expires_at,
                                 "replaced_by": asset.replaced_by_id, "internal_only": asset.internal_only,
                                 "owner": asset.owner_id, "verifier": asset.verifier_id}
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name", "username")
        self.fields["owner"].queryset = users
        self.fields["verifier"].queryset = users


class CommentForm(forms.Form):
    comment = forms.CharField(required=False, max_length=5000)
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Reject"), ("comment", "Comment")],
                                 required=False)


class TrashConfirmForm(forms.Form):
    confirm = forms.BooleanField(required=True, label="Yes, move it to the trash")
