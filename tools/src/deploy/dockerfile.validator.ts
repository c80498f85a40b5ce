import { DockerfileParser, type Arg, type Copy, type Env, type From, type Instruction } from 'dockerfile-ast';

/**
 * Checks a Dockerfile without a Docker engine (issue 9: the development machines and CI have none). The file is
 * parsed by `dockerfile-ast` (the parser behind the Dockerfile language server), then held to our rules:
 * multi-stage; every runnable target not root, with a HEALTHCHECK and a CMD; no secret in ENV or ARG; every
 * `COPY --from` names an earlier stage; base images pinned; and the workflow bundle built in the image at the path
 * WORKFLOW_BUNDLE_PATH names.
 */

export interface DockerStage {
  /** `AS <name>`, or the stage's index as Docker numbers it. */
  name: string;
  index: number;
  /** The image or earlier stage it starts FROM, build ARG defaults substituted. */
  base: string;
  /** The earlier stage it starts from, if any. */
  parent: DockerStage | undefined;
  instructions: Instruction[];
}

export interface DockerTarget {
  stage: string;
  /** The last USER in the stage and the stages it is built FROM; `root` when none. */
  user: string;
  /** The HEALTHCHECK's command line (arguments joined); undefined when none, or `NONE`. */
  healthcheck: string | undefined;
  /** The CMD's arguments, JSON form parsed. */
  cmd: string[] | undefined;
  /** ENV values in effect (stage chain, later wins). */
  env: Record<string, string>;
  exposedPorts: string[];
}

export interface DockerfileAnalysis {
  stages: DockerStage[];
  /** Stages no later stage builds FROM or copies from: the images someone runs. */
  targets: DockerTarget[];
  problems: string[];
}

/** Names that must never carry a value baked into an image layer (it is readable by anyone with the image). */
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|PWD$|TOKEN|API_KEY|PRIVATE_KEY|PAYLOAD_KEYS?$|CREDENTIAL|OIDC_)/i;

export function analyseDockerfile(text: string): DockerfileAnalysis {
  const dockerfile = DockerfileParser.parse(text);
  const problems: string[] = [];
  const argDefaults = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property === null) continue;
    if (SECRET_NAME.test(property.getName())) problems.push(`ARG ${property.getName()}: a secret must not be a build argument (it stays in the image's history)`);
    if (property.getValue() !== null) argDefaults.set(property.getName(), property.getValue() ?? '');
  }
  const substitute = (value: string): string => value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => argDefaults.get(name) ?? whole);

  const stages: DockerStage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      const from = instruction as From;
      const base = substitute(from.getImage() ?? '');
      const parent = stages.find((stage) => stage.name === base);
      stages.push({ name: from.getBuildStage() ?? String(stages.length), index: stages.length, base, parent, instructions: [] });
      if (parent === undefined && !isPinnedImage(base)) problems.push(`FROM ${base}: pin the base image to a version tag or digest (not latest, not untagged)`);
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) continue;
    stage.instructions.push(instruction);
    const source = copySourceOf(instruction);
    if (source !== undefined) {
      const earlier = stages.slice(0, -1).some((candidate) => candidate.name === source || String(candidate.index) === source);
      if (!earlier) problems.push(`COPY --from=${source} in stage ${stage.name}: names no earlier stage`);
    }
    const names =
      keyword === 'ENV' ? (instruction as Env).getProperties().map((property) => property.getName()) : keyword === 'ARG' ? [(instruction as Arg).getProperty()?.getName() ?? ''] : [];
    for (const name of names.filter((candidate) => SECRET_NAME.test(candidate))) {
      problems.push(`${keyword} ${name} in stage ${stage.name}: secrets come from the environment at run time, never from the image`);
    }
  }
  if (stages.length < 2) problems.push('a multi-stage build is required: build tools and dev dependencies stay out of the image that runs');

  const usedAsSource = new Set<string>();
  for (const stage of stages) {
    if (stage.parent !== undefined) usedAsSource.add(stage.parent.name);
    for (const instruction of stage.instructions) {
      const source = copySourceOf(instruction);
      if (source !== undefined) usedAsSource.add(source);
    }
  }
  const targets = stages.filter((stage) => !usedAsSource.has(stage.name)).map((stage) => targetOf(stage));
  for (const target of targets) {
    if (isRoot(target.user)) problems.push(`target ${target.stage}: runs as root; add USER with a non-root user`);
    if (target.healthcheck === undefined) problems.push(`target ${target.stage}: has no HEALTHCHECK`);
    if (target.cmd === undefined) problems.push(`target ${target.stage}: has no CMD`);
  }

  // The bundle production loads must be built into the image, at the path the image tells the worker.
  const bundleRuns = stages.flatMap((stage) => stage.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? ''));
  const bundlePaths = bundleRuns.flatMap((run) => [...run.matchAll(/bundle-workflows\.main\.js\s+(\S+)/g)].map((match) => match[1] ?? ''));
  if (bundlePaths.length === 0) problems.push('no RUN builds the workflow bundle (node apps/worker/dist/bundle-workflows.main.js <file>)');
  for (const target of targets) {
    const bundle = target.env['WORKFLOW_BUNDLE_PATH'];
    if (bundle === undefined) problems.push(`target ${target.stage}: sets no WORKFLOW_BUNDLE_PATH`);
    else if (!bundlePaths.includes(bundle)) problems.push(`target ${target.stage}: WORKFLOW_BUNDLE_PATH=${bundle} is not the bundle a RUN builds (${bundlePaths.join(', ') || 'none'})`);
  }
  return { stages, targets, problems };
}

/** The stage (or image) a `COPY --from=` reads from, as the parser sees the flag. */
function copySourceOf(instruction: Instruction): string | undefined {
  if (instruction.getKeyword() !== 'COPY') return undefined;
  return (instruction as Copy).getFlags().find((flag) => flag.getName() === 'from')?.getValue() ?? undefined;
}

function chainOf(stage: DockerStage): DockerStage[] {
  const chain: DockerStage[] = [];
  for (let current: DockerStage | undefined = stage; current !== undefined; current = current.parent) chain.unshift(current);
  return chain;
}

function targetOf(stage: DockerStage): DockerTarget {
  const instructions = chainOf(stage).flatMap((s) => s.instructions);
  const last = (keyword: string): Instruction | undefined => instructions.filter((i) => i.getKeyword() === keyword).at(-1);
  const user = last('USER')?.getArgumentsContent()?.trim() ?? 'root';
  const health = last('HEALTHCHECK');
  const healthArgs = health?.getArgumentsContent()?.trim();
  const cmd = last('CMD');
  const env: Record<string, string> = {};
  for (const instruction of instructions.filter((i) => i.getKeyword() === 'ENV')) {
    for (const property of (instruction as Env).getProperties()) {
      env[property.getName()] = property.getValue() ?? '';
    }
  }
  return {
    stage: stage.name,
    user,
    healthcheck: healthArgs === undefined || /^NONE$/i.test(healthArgs) ? undefined : healthArgs,
    cmd: cmd === undefined ? undefined : parseExecForm(cmd.getArgumentsContent() ?? ''),
    env,
    exposedPorts: instructions.filter((i) => i.getKeyword() === 'EXPOSE').flatMap((i) => i.getArguments().map((argument) => argument.getValue())),
  };
}

function parseExecForm(content: string): string[] {
  try {
    const parsed: unknown = JSON.parse(content);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  } catch {
    // shell form
  }
  return ['/bin/sh', '-c', content];
}

function isRoot(user: string): boolean {
  const name = user.split(':')[0] ?? '';
  return name === 'root' || name === '0' || name === '';
}

function isPinnedImage(image: string): boolean {
  if (image === 'scratch') return true;
  if (image.includes('@sha256:')) return true;
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest' && !tag.includes('$');
}
