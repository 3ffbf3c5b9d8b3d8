from django.db import models

DEFAULT_AUTO_THRESHOLD = 0.9
DEFAULT_SUGGEST_THRESHOLD = 0.35


class FieldPolicy(models.Model):
    """Per field ("tags" or a facet slug): at or above `auto_threshold` a value is applied automatically
    (reversibly); at or above `suggest_threshold` it is suggested; below, it is dropped."""

    field = models.CharField(max_length=80, unique=True)
    auto_threshold = models.FloatField(default=DEFAULT_AUTO_THRESHOLD)
    suggest_threshold = models.FloatField(default=DEFAULT_SUGGEST_THRESHOLD)

    class Meta:
        ordering = ["field"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(suggest_threshold__gte=0, suggest_threshold__lte=1, auto_threshold__gte=0),
                name="field_policy_thresholds_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.field}: auto >= {self.auto_threshold}, suggest >= {self.suggest_threshold}"
