// Typed calls to Akta's Tauri commands. Argument and result types are generated from
// Rust (ui/src/bindings); the command names are the ones listed in src-tauri/build.rs.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { Person } from '../bindings/Person';
import type { PersonInput } from '../bindings/PersonInput';
import type { PersonSummary } from '../bindings/PersonSummary';
import type { SessionStatus } from '../bindings/SessionStatus';
import type { Settings } from '../bindings/Settings';
import type { User } from '../bindings/User';
import type { UserInput } from '../bindings/UserInput';

export const LOCKED_EVENT = 'akta://locked';

export const api = {
  sessionStatus: () => invoke<SessionStatus>('session_status'),
  createStore: (passphrase: string, demo: boolean) => invoke<SessionStatus>('create_store', { passphrase, demo }),
  unlockKeychain: () => invoke<SessionStatus>('unlock_keychain'),
  unlockPassphrase: (passphrase: string) => invoke<SessionStatus>('unlock_passphrase', { passphrase }),
  lock: () => invoke<SessionStatus>('lock_store'),
  touch: () => invoke<void>('touch'),
  saveSettings: (settings: Settings) => invoke<SessionStatus>('save_settings', { settings }),
  listUsers: () => invoke<User[]>('list_users'),
  createUser: (input: UserInput) => invoke<SessionStatus>('create_user', { input }),
  selectUser: (id: number) => invoke<SessionStatus>('select_user', { id }),
  listPersons: (query: string | null) => invoke<PersonSummary[]>('list_persons', { query }),
  getPerson: (id: number) => invoke<Person>('get_person', { id }),
  addPerson: (input: PersonInput) => invoke<Person>('add_person', { input }),
  onLocked: (handler: () => void): Promise<UnlistenFn> => listen(LOCKED_EVENT, handler),
};
