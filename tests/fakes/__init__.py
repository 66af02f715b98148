"""Local fakes of the online speech services, at their HTTP or WebSocket boundary.

One module per provider, each implementing the documented request and reply (and the
error replies) closely enough for our clients to be tested without the Internet:
google (gTTS batchexecute), fpt (FPT.AI v5), viettel (Viettel AI REST v1), zalo (Zalo AI
v1), edge (the edge-tts WebSocket protocol). `server` holds the small HTTP machinery and
the hanging/closed endpoints; `audio` makes real MP3s with espeak-ng and ffmpeg.
"""
