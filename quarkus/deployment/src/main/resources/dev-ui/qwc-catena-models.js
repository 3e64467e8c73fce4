import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { models } from 'build-time-data';

/**
 * The Catena card's Models page: each model's name, type and where it is declared (build-time data),
 * with what the running application created (JSON-RPC models()): the file, the kernels the local
 * runtime chose, threads, context length, slots and KV cache, or why the model is unavailable.
 */
export class QwcCatenaModels extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--lumo-contrast-10pct); vertical-align: top; }
        .problem { color: var(--lumo-error-text-color); }
        pre { margin: 0; white-space: pre-wrap; }
    `;

    static properties = {
        _running: { state: true },
        _error: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this._running = {};
        this.jsonRpc.models()
            .then(response => {
                const byName = {};
                response.result.forEach(m => byName[m.name] = m);
                this._running = byName;
            })
            .catch(e => this._error = String(e && e.error ? e.error.message : e));
    }

    render() {
        return html`
            ${this._error ? html`<p class="problem">${this._error}</p>` : ''}
            <table>
                <tr><th>Name</th><th>Type</th><th>Declared in</th><th>Status</th><th>File</th><th>Kernels</th>
                    <th>Threads</th><th>Context</th><th>Slots</th><th>KV cache</th><th>Source</th></tr>
                ${models.map(m => this._row(m, this._running[m.name] || {}))}
            </table>`;
    }

    _row(m, r) {
        return html`<tr>
            <td>${m.name}</td><td>${m.type}</td><td>${m.declaredIn}</td>
            <td class="${r.status === 'ready' ? '' : 'problem'}">${r.status || '...'}${r.problem ? html`: ${r.problem}` : ''}</td>
            <td>${r.file || ''}</td><td>${r.kernels || ''}</td><td>${r.threads ?? ''}</td>
            <td>${r.contextLength ?? ''}</td><td>${r.slots ?? ''}</td><td>${r.kvCache || ''}</td>
            <td><details><summary>${m.validation}</summary><pre>${m.source}</pre></details></td>
        </tr>`;
    }
}
customElements.define('qwc-catena-models', QwcCatenaModels);
