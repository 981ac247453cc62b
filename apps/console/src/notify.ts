// Opt-in desktop notification and a short tone when a conversation is assigned to me.
const key = 'switchboard.notify';

export const notificationsWanted = (): boolean => localStorage.getItem(key) === 'on';

export const setNotificationsWanted = async (on: boolean): Promise<boolean> => {
  if (on && 'Notification' in window && Notification.permission === 'default') await Notification.requestPermission();
  localStorage.setItem(key, on ? 'on' : 'off');
  return on;
};

const beep = (): void => {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
    tone.onended = () => void audio.close();
  } catch {
    // No audio output: the notification alone has to do.
  }
};

export const notifyAssigned = (text: string): void => {
  beep();
  if ('Notification' in window && Notification.permission === 'granted') new Notification('Switchboard', { body: text, tag: 'switchboard-assigned' });
};
