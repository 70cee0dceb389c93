// Curves' requests to the host (`fetch` → `fetchPart`* + `fetchResult`, `export` → `exported`, or
// `requestError`), through the shared request client.
import { CURVES_PROTOCOL, type CurvesToHost, type HostToCurves } from '../../src/protocol/curves';
import { requestClient } from '../shared/requests';
import { post } from './state';

const client = requestClient<CurvesToHost, HostToCurves>(post, CURVES_PROTOCOL.requests);

export const request = client.request;
export const settle = client.settle;
