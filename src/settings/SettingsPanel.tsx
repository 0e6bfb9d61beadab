import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { serverProviders, type ProviderId } from '../engines/cloud/api';
import { toEngineError, type Engine } from '../engines/contract';
import { engines } from '../engines/registry';
import { SERVER_SETTINGS, setEngineSetting, settingsFor, useEngineSettings } from '../engineSettings/store';
import { controlClass, labelClass } from '../ui/fieldStyles';
import { PanelButton } from '../ui/IconButton';

function SettingField({ engineId, field }: { engineId: string; field: NonNullable<Engine['settingsFields']>[number] }) {
  const id = useId();
  const value = useEngineSettings((s) => s.values[engineId]?.[field.key] ?? '');
  const input = useRef<HTMLInputElement>(null);
  // A key is set as the input's property, never its attribute, so it is not in the page's markup.
  useEffect(() => {
    if (field.secret && input.current && input.current.value !== value) input.current.value = value;
  }, [field.secret, value]);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        {field.label}
      </label>
      <input
        id={id}
        ref={input}
        type={field.secret ? 'password' : 'text'}
        autoComplete="off"
        spellCheck={false}
        value={field.secret ? undefined : value}
        placeholder={field.secret ? undefined : field.default}
        onChange={(e) => setEngineSetting(engineId, field.key, e.target.value)}
        aria-describedby={field.hint ? `${id}-hint` : undefined}
        className={controlClass()}
      />
      {field.hint && (
        <p id={`${id}-hint`} className="text-xs text-neutral-500">
          {field.hint}
        </p>
      )}
    </div>
  );
}

function EngineSettings({ engine, serverKey }: { engine: Engine; serverKey: boolean }) {
  const fields = (engine.settingsFields ?? []).filter((f) => !f.hidden && !(serverKey && f.secret));
  const test = useMutation({
    mutationFn: async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      try {
        return await engine.testConnection!(settingsFor(engine.id), controller.signal);
      } catch (error) {
        throw toEngineError(error);
      } finally {
        clearTimeout(timer);
      }
    },
  });
  return (
    <section aria-label={`${engine.label} settings`} className="flex flex-col gap-2 border-t border-neutral-800 pt-3">
      <h3 className="text-sm font-semibold">{engine.label}</h3>
      {serverKey && <p className="text-xs text-emerald-300">This server holds a {engine.label} key: there is nothing to set here.</p>}
      {fields.map((field) => (
        <SettingField key={field.key} engineId={engine.id} field={field} />
      ))}
      {engine.testConnection && (
        <div className="flex items-center gap-2">
          <PanelButton onClick={() => test.mutate()} disabled={test.isPending}>
            Test connection
          </PanelButton>
          <p role="status" className={`text-xs ${test.isError ? 'text-red-300' : 'text-neutral-300'}`}>
            {test.isPending ? 'Testing…' : test.isError ? test.error.message : (test.data ?? '')}
          </p>
        </div>
      )}
    </section>
  );
}

/** Keys and models per provider, the server's access token, and whether to remember keys on this device. */
export function SettingsPanel({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const remember = useEngineSettings((s) => s.remember);
  const server = useQuery({ queryKey: ['server-providers'], queryFn: () => serverProviders(settingsFor(SERVER_SETTINGS)), enabled: open });
  useEffect(() => {
    const element = dialog.current;
    if (open && !element?.open) element?.showModal();
    if (!open && element?.open) element.close();
  }, [open]);
  const configurable = engines.filter((engine) => engine.settingsFields?.some((f) => !f.hidden));
  return (
    <dialog
      ref={dialog}
      aria-label="Settings"
      onClose={onClose}
      className="m-auto max-h-[85vh] w-[30rem] overflow-y-auto rounded-lg border border-neutral-700 bg-panel p-5 text-sm text-neutral-100 backdrop:bg-black/60"
    >
      <div className="flex flex-col gap-3">
        <div className="flex items-center">
          <h2 className="flex-1 text-base font-semibold">Settings</h2>
          <button type="button" aria-label="Close settings" onClick={onClose} className="px-2 text-lg leading-none">
            ×
          </button>
        </div>
        <p className="text-xs text-neutral-400">
          Keys go to this app's own server with each request, which passes them to the provider and nowhere else.
        </p>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={remember} onChange={(e) => useEngineSettings.setState({ remember: e.target.checked })} />
          Remember on this device
          <span className="text-xs text-neutral-500">{remember ? 'kept encrypted in this browser' : 'forgotten when the tab closes'}</span>
        </label>
        {server.data?.accessToken && (
          <section aria-label="This server" className="flex flex-col gap-2 border-t border-neutral-800 pt-3">
            <h3 className="text-sm font-semibold">This server</h3>
            <SettingField engineId={SERVER_SETTINGS} field={{ key: 'accessToken', label: 'Access token', secret: true, hint: 'Its owner gives it to you.' }} />
          </section>
        )}
        {configurable.map((engine) => (
          <EngineSettings key={engine.id} engine={engine} serverKey={server.data?.providers[engine.id as ProviderId]?.serverKey === true} />
        ))}
      </div>
    </dialog>
  );
}
