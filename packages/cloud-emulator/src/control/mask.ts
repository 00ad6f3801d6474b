// Callback and portal URLs carry the app's callback key (`?key=…`, docs/cloud-contract.md §8) and
// portal URLs a one-time token. Cloud calls them verbatim; anything shown or logged
// masks those values.

const SECRET_PARAM = /^(key|token|secret|api_key|signature)$/i;

export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of [...parsed.searchParams.keys()])
      if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, '***');
    return parsed.toString().replaceAll('%2A%2A%2A', '***');
  } catch {
    return maskText(url);
  }
}

/** Masks `key=`, `token=`… values wherever they appear in free text (answer bodies). */
export function maskText(text: string): string {
  return text
    .replace(/([?&](?:key|token|secret|api_key|signature)=)[^&"'\s<>]+/gi, '$1***')
    .replace(/("api_key"\s*:\s*")[^"]*"/g, '$1***"');
}
