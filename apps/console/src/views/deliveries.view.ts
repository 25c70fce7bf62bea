export const DELIVERIES_VIEW = `<form method="get" action="/deliveries">
  <label>Provider <select name="provider">
    {{#each providers}}<option value="{{this}}" {{#if (eq this ../provider)}}selected{{/if}}>{{this}}</option>{{/each}}
  </select></label>
  <label>Type contains <input name="type" value="{{type}}"></label>
  <button type="submit">Show</button>
</form>
<canvas data-chart="{{json chart}}" height="80"></canvas>
<table data-testid="deliveries">
  <thead><tr><th>time</th><th>type</th><th>subject</th><th>ce_id</th><th>partition/offset</th></tr></thead>
  <tbody>
  {{#each events}}
    <tr><td>{{time}}</td><td>{{type}}</td><td>{{subject}}</td><td>{{ceId}}</td>
        <td><a href="/deliveries/{{../provider}}/{{partition}}/{{offset}}">{{partition}}/{{offset}}</a></td></tr>
  {{/each}}
  </tbody>
</table>
<p>{{events.length}} most recent event(s) of {{topic}}.</p>`;

export const DELIVERY_VIEW = `<p><a href="/deliveries?provider={{provider}}">Back to {{provider}}</a></p>
<h2>Headers</h2>
<table>{{#each headers}}<tr><th>{{@key}}</th><td>{{this}}</td></tr>{{/each}}</table>
<h2>Body {{#if revealed}}(revealed, audited){{else}}(personal data masked){{/if}}</h2>
<pre data-testid="body">{{body}}</pre>
{{#unless revealed}}
<form method="post" action="/deliveries/{{provider}}/{{partition}}/{{offset}}/reveal"
      data-confirm="Reveal the personal data of this event? The reveal is recorded on the audit log.">
  <input type="hidden" name="_csrf" value="{{session.csrfToken}}">
  <button type="submit">Reveal</button>
</form>
{{/unless}}`;
