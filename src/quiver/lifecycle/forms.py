from django import forms
from django.contrib.auth import get_user_model

from quiver.library.models import AssetType, Collection

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"]


class LifecycleSettingsForm(forms.Form):
    """Schedule, expiry and replacement, internal-only flag, owner and verifier of one asset."""

    publish_at = forms.DateTimeField(
        label="Publish on",
        required=False,
        widget=DATETIME,
        input_formats=FORMATS,
        help_text="An approved draft is published then.",
    )
    expires_at = forms.DateTimeField(
        label="Expires on",
        required=False,
        widget=DATETIME,
        input_formats=FORMATS,
        help_text="Viewers can no longer download or share it from then on.",
    )
    replaced_by = forms.IntegerField(label="Replaced by (asset id)", required=False, min_value=1)
    internal_only = forms.BooleanField(label="Internal only: no download or sharing by viewers", required=False)
    owner = forms.ModelChoiceField(queryset=None, required=False)
    verifier = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, asset=None, **kwargs):
        kwargs.setdefault("auto_id", "lc-%s")
        if asset is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "publish_at": asset.publish_at,
                "expires_at": asset.expires_at,
                "replaced_by": asset.replaced_by_id,
                "internal_only": asset.internal_only,
                "owner": asset.owner_id,
                "verifier": asset.verifier_id,
            }
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name", "username")
        self.fields["owner"].queryset = users
        self.fields["verifier"].queryset = users


class CommentForm(forms.Form):
    comment = forms.CharField(required=False, max_length=5000)
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject"), ("comment", "Comment")], required=False
    )


class TrashConfirmForm(forms.Form):
    confirm = forms.BooleanField(required=True, label="Yes, move it to the trash")


class ApprovalPolicyForm(forms.Form):
    collection = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Default (everywhere else)",
        help_text="The policy covers this collection and everything below it.",
    )
    approvers = forms.ModelChoiceField(queryset=None, label="Approver group")
    allow_self_approval = forms.BooleanField(required=False, label="The submitter may approve their own request")

    def __init__(self, *args, **kwargs):
        from django.contrib.auth.models import Group

        kwargs.setdefault("auto_id", "policy-%s")
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = Collection.objects.order_by("path")
        self.fields["approvers"].queryset = Group.objects.order_by("name")


class CadenceForm(forms.Form):
    collection = forms.ModelChoiceField(queryset=None, required=False, empty_label="—")
    asset_type = forms.ChoiceField(required=False)
    days = forms.IntegerField(min_value=1, max_value=3650, label="Verify every (days)")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cadence-%s")
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = Collection.objects.order_by("path")
        self.fields["asset_type"].choices = [("", "—"), *AssetType.choices]

    def clean(self):
        data = super().clean()
        if bool(data.get("collection")) == bool(data.get("asset_type")):
            raise forms.ValidationError("Choose a collection or an asset type (one of them).")
        return data
