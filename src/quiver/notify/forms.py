from django import forms

from .models import DeliveryStatus, DigestFrequency, NotificationKind, WebhookEndpoint, WebhookEvent
from .webhooks.transport import RefusedURL, check_url


class PreferencesForm(forms.Form):
    shown = forms.MultipleChoiceField(
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Show in the app",
        help_text="Untick what you do not want to hear about.",
    )
    digest = forms.ChoiceField(
        choices=DigestFrequency.choices,
        label="Email digest of assets due",
        help_text="Assets you own or verify that are due for verification, expiring or "
        "expired. Nothing is sent when nothing is due.",
    )

    def muted(self) -> list[str]:
        return [k for k in NotificationKind.values if k not in self.cleaned_data["shown"]]


class WebhookForm(forms.ModelForm):
    url = forms.URLField(
        max_length=1000,
        assume_scheme="https",
        label="URL",
        help_text="http:// or https:// only; redirects are not followed.",
    )
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=WebhookEvent.values,
        help_text="Lifecycle events sent here.",
    )
    new_secret = forms.BooleanField(
        required=False, label="Generate a new secret", help_text="The old secret stops working at once."
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            check_url(url)
        except RefusedURL as exc:
            raise forms.ValidationError(str(exc)) from exc
        return url


class DeliveryFilter(forms.Form):
    endpoint = forms.ModelChoiceField(queryset=WebhookEndpoint.objects.all(), required=False, empty_label="Any")
    status = forms.ChoiceField(choices=[("", "Any")] + DeliveryStatus.choices, required=False)
    event = forms.ChoiceField(choices=[("", "Any")] + WebhookEvent.choices + [("test", "Test")], required=False)
