// The LiveKit side of a call, in its own chunk: loaded only when an agent joins.
import { Room, RoomEvent, Track } from "livekit-client";

export async function connect(url, token, audioHost, onLeft) {
  const room = new Room();
  room.on(RoomEvent.TrackSubscribed, (track) => {
    const host = audioHost();
    if (track.kind === Track.Kind.Audio && host) host.append(track.attach());
  });
  room.on(RoomEvent.TrackUnsubscribed, (track) => track.detach().forEach((el) => el.remove()));
  room.on(RoomEvent.Disconnected, onLeft);
  await room.connect(url, token);
  // The browser asks for the microphone here, not before.
  await room.localParticipant.setMicrophoneEnabled(true);
  return room;
}
