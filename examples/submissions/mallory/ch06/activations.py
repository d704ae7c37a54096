# (sample) hostile: hangs at import, ignoring SIGTERM
import signal
signal.signal(signal.SIGTERM, signal.SIG_IGN)
while True:
    pass
