// Streets and squares per Ortsbezirk, for bin descriptions people recognise in the demo.
export const streetsByDistrict: Record<string, string[]> = {
  Altstadt: ['Rheinufer, Höhe Fischtor', 'Leichhof', 'Augustinerstraße', 'Kirschgarten', 'Schillerplatz', 'Gutenbergplatz', 'Liebfrauenplatz', 'Holzturm', 'Ludwigsstraße'],
  Neustadt: ['Gartenfeldplatz', 'Frauenlobstraße', 'Boppstraße', 'Kaiser-Wilhelm-Ring', 'Zollhafen', 'Feldbergplatz', 'Goetheplatz', 'Kaiserstraße'],
  Oberstadt: ['Römerwall', 'Am Stiftswingert', 'Göttelmannstraße', 'Stadtpark', 'Hechtsheimer Straße', 'Zitadelle'],
  'Hartenberg-Münchfeld': ['Hartenbergpark', 'Jakob-Steffan-Straße', 'Mombacher Straße', 'Fritz-Kohl-Straße', 'Am Taubertsberg'],
  Mombach: ['Hauptstraße', 'Turmstraße', 'Westring', 'Suderstraße', 'Rheinufer Mombach'],
  Gonsenheim: ['Breite Straße', 'Kapellenstraße', 'Gonsbachterrassen', 'Heidesheimer Straße', 'Lennebergwald, Parkplatz'],
  Finthen: ['Flugplatzstraße', 'Kurmainzstraße', 'Poststraße', 'Katzenberg', 'Römerquelle'],
  Drais: ['Draiser Straße', 'Finther Landstraße', 'Kirchstraße', 'Sportplatz Drais'],
  Lerchenberg: ['Hindemithstraße', 'Regerstraße', 'Brahmsstraße', 'Einkaufszentrum Lerchenberg'],
  Bretzenheim: ['Marienborner Straße', 'Essenheimer Straße', 'Hans-Böckler-Straße', 'Koblenzer Straße', 'Saarstraße'],
  Marienborn: ['Kirchstraße Marienborn', 'Bahnhof Marienborn', 'Klein-Winternheimer Straße', 'Sportplatz Marienborn'],
  Hechtsheim: ['Alte Mainzer Straße', 'Rheinhessenstraße', 'Bürgerhaus Hechtsheim', 'Heuerstraße'],
  Ebersheim: ['Töngesstraße', 'Zornheimer Straße', 'Weinbergstraße', 'Sportplatz Ebersheim'],
  Laubenheim: ['Oppenheimer Straße', 'Rheinufer Laubenheim', 'Bahnhof Laubenheim', 'Laubenheimer Höhe'],
  Weisenau: ['Wormser Straße', 'Heiligkreuzweg', 'Rheinufer Weisenau', 'Friedrich-Ebert-Straße'],
};

export const spots = ['Höhe Nr. {n}', 'an der Bushaltestelle', 'am Spielplatz', 'gegenüber Nr. {n}', 'am Parkplatz', 'an der Sitzbank'];

export const demoReports: Array<{ category: string; district: string; description: string; state: string }> = [
  { category: 'strassenschaden', district: 'Neustadt', description: 'Tiefes Schlagloch auf der rechten Fahrspur, Radfahrer müssen ausweichen.', state: 'acknowledged' },
  { category: 'strassenbeleuchtung', district: 'Gonsenheim', description: 'Laterne Nr. 1187 ist seit drei Tagen dunkel.', state: 'in_progress' },
  { category: 'illegale-ablagerung', district: 'Altstadt', description: 'Zwei Matratzen und ein Sofa am Straßenrand abgestellt.', state: 'new' },
  { category: 'graffiti', district: 'Oberstadt', description: 'Großflächige Schmiererei an der Unterführung.', state: 'new' },
  { category: 'spielplatz', district: 'Lerchenberg', description: 'Die Kette der Schaukel ist gerissen.', state: 'done' },
  { category: 'gehweg', district: 'Bretzenheim', description: 'Mehrere Gehwegplatten stehen hoch, Stolpergefahr.', state: 'new' },
  { category: 'baum-gruenflaeche', district: 'Mombach', description: 'Ein großer Ast hängt abgebrochen über dem Weg.', state: 'in_progress' },
  { category: 'verkehrszeichen', district: 'Hechtsheim', description: 'Stoppschild ist umgefahren worden.', state: 'done' },
  { category: 'sonstiges', district: 'Finthen', description: 'Der Trinkbrunnen auf dem Platz läuft ununterbrochen.', state: 'new' },
  { category: 'verschmutzung', district: 'Altstadt', description: 'Viele Glasscherben auf der Uferpromenade.', state: 'acknowledged' },
  { category: 'ampel', district: 'Weisenau', description: 'Fußgängerampel schaltet nicht auf Grün.', state: 'done' },
  { category: 'gully', district: 'Laubenheim', description: 'Der Straßenablauf ist verstopft, nach Regen steht Wasser.', state: 'rejected' },
];
