# The one change to tccli in this test: its SDK speaks plain HTTP to the loopback stub (it has no
# option for that; https is fixed). Everything else (argument parsing, signing, output) is tccli's own.
from tencentcloud.common.profile import http_profile
_init = http_profile.HttpProfile.__init__
def _plain(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.protocol = self.scheme = "http"
http_profile.HttpProfile.__init__ = _plain
