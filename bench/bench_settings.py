"""Settings for servers started by `bench/run --load`: the app's own settings with bench's URLconf (the baseline
view). Used through DJANGO_SETTINGS_MODULE=bench_settings with bench/ on the path; never in production."""

from lorforge.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
