// Runs the test MLflow server on its own: `node --import tsx test/support/mlflow-test-server-main.ts [runs] [string|number]`
// prints its URL on the first line and serves until killed (manual tries, `runlens index --mlflow-server`, benches).
import { MlflowTestServer } from './mlflow-test-server';
import { generatedRuns, storeOf } from './mlflow-test-store';

const runs = Number(process.argv[2] ?? 100);
const int64 = process.argv[3] === 'string' ? 'string' : 'number';
const server = new MlflowTestServer(storeOf(generatedRuns(runs)), { int64 });
void server.start().then((url) => process.stdout.write(`${url}\n`));
