#!/usr/bin/env python3
"""Write a pair of .resx files (zh neutral, en) from a TSV: key<TAB>zh<TAB>en. Usage: tools/resx.py Dir/X.tsv  writes Dir/X.resx (zh-CN) and Dir/X.en.resx (English).
The TSV beside the resx files is the source to edit; lines starting with # are comments."""
import sys
from xml.sax.saxutils import escape
HEAD='''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
src=sys.argv[1]
out=sys.argv[2] if len(sys.argv)>2 else src[:-4]
rows=[l.rstrip('\n').split('\t') for l in open(src,encoding='utf-8') if l.strip() and not l.startswith('#')]
bad=[r[0] for r in rows if len(r)!=3]
if bad: sys.exit('rows without three tab-separated columns: '+', '.join(bad))
for idx,suffix in ((1,''),(2,'.en')):
    with open(out+suffix+'.resx','w',encoding='utf-8') as f:
        f.write(HEAD)
        for r in rows:
            f.write(f'  <data name="{escape(r[0],{chr(34):"&quot;"})}" xml:space="preserve"><value>{escape(r[idx])}</value></data>\n')
        f.write('</root>\n')
