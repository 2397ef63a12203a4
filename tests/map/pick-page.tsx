// A page that exists only in the browser tests: the pick-mode map as the report form will use it,
// with two visible inputs, so that clicks, keys and geolocation can be checked on their own.
import type { App } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { Layout } from '../../server/views/layout.tsx';
import { MapAssets, MapBox } from '../../server/views/map.tsx';
import { pageFor } from '../../server/views/page.ts';

export const PICK_CENTER = { lat: 49.9996, lon: 8.2736 };

export function mountPickPage(app: App, ctx: AppContext): void {
  app.get('/test-pick', (c) => {
    c.set('mapPage', true);
    const page = pageFor(c);
    return c.html(
      <Layout page={page} title="Ort wählen" head={<MapAssets />}>
        <h1>Ort wählen</h1>
        <MapBox page={page} mode="pick" id="pick-map" center={PICK_CENTER} zoom={15} config={ctx.config} skipTo="place" latInput="lat" lonInput="lon" />
        <fieldset id="place" tabindex={-1}>
          <legend>Koordinaten</legend>
          <label for="lat">Breite</label> <input id="lat" name="lat" value={c.req.query('lat') ?? ''} />
          <label for="lon">Länge</label> <input id="lon" name="lon" value={c.req.query('lon') ?? ''} />
        </fieldset>
      </Layout>,
    );
  });
}
