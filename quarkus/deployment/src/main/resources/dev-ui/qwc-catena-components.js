import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { components, files } from 'build-time-data';

/**
 * The Catena card's Chains and agents page (also stores, retrievers, memories, tools): each
 * component's kind, type, file, source (its YAML file, or its properties) and validation state, with
 * its state in the running application (JSON-RPC components()); then every YAML file and its state.
 */
export class QwcCatenaComponents extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--lumo-contrast-10pct); vertical-align: top; }
        .problem { color: var(--lumo-error-text-color); }
        .valid { color: var(--lumo-success-text-color); }
        pre { margin: 0; white-space: pre-wrap; font-size: var(--lumo-font-size-s); }
    `;

    static properties = {
        _running: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this._running = {};
        this.jsonRpc.components().then(response => {
            const byName = {};
            response.result.forEach(c => byName[c.name] = c);
            this._running = byName;
        });
    }

    render() {
        return html`
            <table>
                <tr><th>Name</th><th>Kind</th><th>Type</th><th>Declared in</th><th>Validation</th><th>Status</th></tr>
                ${components.map(c => this._row(c, this._running[c.name] || {}))}
            </table>
            <h4>Files</h4>
            <table>
                <tr><th>File</th><th>Validation</th><th>Components</th></tr>
                ${files.map(f => html`<tr><td>${f.file}</td><td class="valid">${f.validation}</td><td>${f.components}</td></tr>`)}
            </table>`;
    }

    _row(c, r) {
        return html`<tr>
            <td>${c.name}</td><td>${c.kind}</td><td>${c.type}</td><td>${c.declaredIn}</td>
            <td><details><summary class="valid">${c.validation}</summary><pre>${c.source}</pre></details></td>
            <td class="${r.status === 'ready' ? '' : 'problem'}">${r.status || '...'}${r.problem ? html`: ${r.problem}` : ''}</td>
        </tr>`;
    }
}
customElements.define('qwc-catena-components', QwcCatenaComponents);
