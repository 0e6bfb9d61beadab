import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import type { BackendChoice } from '../engines/local/backend';
import { totalSize, type LocalModel } from '../engines/local/catalog';
import { addModelFromFiles, addModelFromUrl, downloadAdded, recogniseLeftOver } from '../engines/local/addModels';
import { localEngine } from '../engines/local/engine';
import { useParams } from '../params/paramsStore';
import { allModels, cancelDownload, deleteModel, downloadModel, refreshModelStates, useModelLibrary, type ModelState } from '../engines/local/library';
import { formatBytes } from '../engines/local/models/bytes';
import { probeBackend } from '../engines/local/runtime';
import { chooseSubjectModel } from '../engines/local/segmentation/subjectModel';
import { chooseSegmentModel } from '../editor/clickSegment/actions';
import { setEngineSetting, settingsFor, useEngineSettings } from '../engineSettings/store';
import { showError, showInfo } from '../notices/notices';
import { controlClass, labelClass } from '../ui/fieldStyles';
import { PanelButton } from '../ui/IconButton';

const ENGINE = 'local';

function stateWords(model: LocalModel, state: ModelState | undefined) {
  const size = totalSize(model);
  const bytes = size ? ` · ${formatBytes(size)}` : '';
  // Downloaded, and being opened to read what it is.
  if (state?.status === 'ready' && model.unrecognised) return `checking${bytes}`;
  if (state?.status === 'ready') return `ready${bytes}`;
  if (state?.status === 'downloading') return `downloading${bytes}`;
  return `not downloaded${bytes}`;
}

/** Another model: the Parameters panel follows what it takes (a remover none, a Turbo model 1-4 steps). */
function chooseModel(id: string) {
  const before = localEngine.meta(settingsFor(ENGINE));
  setEngineSetting(ENGINE, 'model', id);
  useParams.getState().followMeta(before, localEngine.meta(settingsFor(ENGINE)));
}

/**
 * A model just added goes where it is used: a remover or diffusion model becomes the engine's,
 * a subject model Select subject's, a MobileSAM pair Click to segment's (the engine keeps its model).
 */
function placeAdded(found: LocalModel, engineModel: string) {
  if (found.task === 'remove' || found.task === 'inpaint') return chooseModel(found.id);
  chooseModel(engineModel);
  if (found.task === 'subject') void chooseSubjectModel(found.id);
  if (found.task === 'points') chooseSegmentModel(found.id);
}

/** Says what an added model turned out to be, once opened, and places it. */
function announceAdded(found: LocalModel, engineModel: string) {
  placeAdded(found, engineModel);
  const shape = { lama: 'LaMa-shaped', migan: 'MI-GAN-shaped', sd: 'a Stable Diffusion folder', isnet: 'ISNet-shaped', u2netp: 'U-2-Netp-shaped', mobilesam: 'MobileSAM-shaped' }[found.kind];
  showInfo(`Added ${found.name} (${shape}${usedBy(found)}); its hashes were not known beforehand, so this download pinned them.`);
}

const usedBy = (found: LocalModel) => ({ subject: ', used by Select subject', points: ', used by Click to segment' } as Partial<Record<string, string>>)[found.task] ?? '';

const report = (what: string) => (error: unknown) => showError(`${what}: ${error instanceof Error ? error.message : String(error)}`);

function DownloadProgress({ state }: { state: ModelState }) {
  const progress = state.progress;
  if (!progress) return null;
  const { done, total, bytesPerSecond, phase } = progress;
  const text = phase === 'checking' ? 'Checking what was already downloaded…' : `${formatBytes(done)}${total ? ` of ${formatBytes(total)}` : ''} · ${formatBytes(bytesPerSecond)}/s`;
  return (
    <div className="flex flex-col gap-1">
      <progress aria-label="Model download" className="h-1.5 w-full accent-accent" max={total ?? undefined} value={total ? done : undefined} />
      <p className="text-xs text-neutral-400">{text}</p>
    </div>
  );
}

/** What fills the hole before diffusion when the strength is below 1. */
function MaskedContent({ removers }: { removers: { id: string; name: string }[] }) {
  const id = useId();
  const value = useEngineSettings((s) => s.values[ENGINE]?.maskedContent) ?? 'original';
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        Masked content
      </label>
      <select id={id} value={value} onChange={(e) => setEngineSetting(ENGINE, 'maskedContent', e.target.value)} className={controlClass()}>
        <option value="original">Original</option>
        <option value="builtin">Fill (built-in remover)</option>
        {removers.map((m) => (
          <option key={m.id} value={m.id}>
            Fill ({m.name})
          </option>
        ))}
      </select>
      <p className="text-xs text-neutral-500">Below strength 1, diffusion starts from this: a fill gives a clean background.</p>
    </div>
  );
}

/** The local engine's model, its download, where it runs, and adding models from a URL or from disk. */
export function LocalModelPanel() {
  const urlId = useId();
  const modelId = useEngineSettings((s) => s.values[ENGINE]?.model) ?? settingsFor(ENGINE).model;
  const choice = (useEngineSettings((s) => s.values[ENGINE]?.backend) ?? 'auto') as BackendChoice;
  const added = useModelLibrary((s) => s.added);
  const states = useModelLibrary((s) => s.states);
  const lastBackend = useModelLibrary((s) => s.lastBackend);
  const [adding, setAdding] = useState(false);
  const [url, setUrl] = useState('');
  useQuery({ queryKey: ['local-models'], queryFn: () => refreshModelStates().then(() => true) });
  const backend = useQuery({ queryKey: ['local-backend', choice], queryFn: () => probeBackend(choice) });
  // Models ready on this device come first: they run at once.
  const models = allModels({ added }).sort((a, b) => Number(states[b.id]?.status === 'ready') - Number(states[a.id]?.status === 'ready'));
  const model = models.find((m) => m.id === modelId);
  const state = model ? states[model.id] : undefined;
  // A model whose tab closed while it was being opened is opened now.
  useEffect(() => {
    for (const m of added) recogniseLeftOver(m)?.then((found) => announceAdded(found, modelId), report(`${m.name} could not be opened`));
  }, [added, states, modelId]);

  const add = async () => {
    setAdding(false);
    try {
      const found = await addModelFromUrl(url, chooseModel);
      setUrl('');
      announceAdded(found, modelId);
    } catch (error) {
      report('That model could not be added')(error);
    }
  };

  return (
    <div className="flex flex-col gap-2 rounded-md border border-neutral-800 p-2.5">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${urlId}-model`} className={labelClass}>
          Model
        </label>
        <select id={`${urlId}-model`} value={modelId} onChange={(e) => chooseModel(e.target.value)} className={controlClass()}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} · {stateWords(m, states[m.id])}
            </option>
          ))}
        </select>
      </div>
      {model && state?.status === 'downloading' && (
        <>
          <DownloadProgress state={state} />
          <PanelButton onClick={() => cancelDownload(model.id)}>Cancel download</PanelButton>
        </>
      )}
      {model && state?.status !== 'downloading' && state?.status !== 'ready' && model.files.every((f) => f.url) && (
        <PanelButton
          onClick={() =>
            void (model.unrecognised ? downloadAdded(model).then((found) => announceAdded(found, modelId)) : downloadModel(model.id)).catch(report(`${model.name} was not downloaded`))
          }
        >
          {state?.partial ? 'Download model (resume)' : 'Download model'}
        </PanelButton>
      )}
      {model && state?.status === 'ready' && (
        <PanelButton onClick={() => void deleteModel(model.id).catch(report('The model could not be deleted'))}>Delete model</PanelButton>
      )}
      {model && <p className="text-xs text-neutral-500">Licence: {model.licence}</p>}
      {model && state?.unverified && model.files.some((f) => !f.sha256) && (
        <p className="text-xs text-amber-300">Not verified in advance: its files had no recorded hash, so the first download pinned them.</p>
      )}
      {model?.kind === 'sd' && <MaskedContent removers={models.filter((m) => m.task === 'remove' && !m.unrecognised && states[m.id]?.status === 'ready')} />}

      <div className="flex items-center gap-2 text-xs">
        <span className="text-neutral-400">Runs on</span>
        <output aria-label="Backend" className="flex-1 text-neutral-200">
          {lastBackend ?? backend.data?.backend.label ?? (backend.isError ? 'WASM: the model worker did not start' : 'Checking…')}
        </output>
      </div>
      <label className="flex items-center gap-2 text-xs text-neutral-300">
        Run on
        <select value={choice} onChange={(e) => setEngineSetting(ENGINE, 'backend', e.target.value)} className={`${controlClass()} py-0.5 text-xs`}>
          <option value="auto">Auto</option>
          <option value="webgpu">WebGPU</option>
          <option value="wasm">WASM</option>
        </select>
      </label>

      <div className="flex flex-wrap gap-1.5">
        <PanelButton onClick={() => setAdding((v) => !v)}>Add model from URL</PanelButton>
        <label className="cursor-pointer rounded-md border border-neutral-700 px-2.5 py-1.5 text-sm hover:bg-neutral-700">
          Load model from folder
          <input
            type="file"
            aria-label="Load model from folder"
            className="sr-only"
            multiple
            // A folder or a single .onnx file: both come as files.
            {...({ webkitdirectory: '' } as object)}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length)
                void addModelFromFiles(files)
                  .then((found) => {
                    placeAdded(found, modelId);
                    showInfo(`Loaded ${found.name} from disk${usedBy(found)}.`);
                  })
                  .catch(report('That model could not be loaded'));
            }}
          />
        </label>
      </div>
      {adding && (
        <div className="flex gap-1.5">
          <input
            type="url"
            aria-label="Model URL"
            placeholder="https://…/model.onnx"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            className={`${controlClass()} min-w-0 flex-1`}
          />
          <PanelButton onClick={() => void add()} disabled={!url.trim()}>
            Add
          </PanelButton>
        </div>
      )}
    </div>
  );
}
