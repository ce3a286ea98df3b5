// The engine's codecs on one GetRecords answer of 10,000 click records: JSON (the JSON protocol,
// blobs as base64), kinesalite's own cbor 5 and cbor-x with the options of the patch (the CBOR
// protocol, blobs as bytes). Run by local/bench/protocols.sh with NODE_PATH set to the installed
// engines (local/target/npm/node_modules).
var cbor = require('cbor'), cborx = require('cbor-x'), crypto = require('crypto')

var RECORDS = 10000, ROUNDS = 20
var records = []
for (var i = 0; i < RECORDS; i++) {
  records.push({
    PartitionKey: 'resource-' + (i % 100),
    Data: crypto.randomBytes(72),
    ApproximateArrivalTimestamp: Date.now(),
    SequenceNumber: '49680838177499647685440383502473793621269548029358' + String(100000 + i),
  })
}
var cborAnswer = {MillisBehindLatest: 0, NextShardIterator: 'A'.repeat(220), Records: records}
var jsonAnswer = Object.assign({}, cborAnswer, {
  Records: records.map(function(r) {
    return Object.assign({}, r, {Data: r.Data.toString('base64'), ApproximateArrivalTimestamp: r.ApproximateArrivalTimestamp / 1000})
  }),
})
var encoder = new cborx.Encoder({useRecords: false, tagUint8Array: false})
var decoder = new cborx.Decoder({useRecords: false, mapsAsObjects: true, int64AsNumber: true})

function time(name, f) {
  for (var w = 0; w < 5; w++) f()
  var start = process.hrtime.bigint()
  for (var n = 0; n < ROUNDS; n++) f()
  var ms = Number(process.hrtime.bigint() - start) / ROUNDS / 1e6
  console.log('  ' + name + ': ' + ms.toFixed(1) + ' ms per answer, ' + (ms * 1000 / RECORDS).toFixed(2) + ' us per record')
}

var json = JSON.stringify(jsonAnswer), body5 = cbor.Encoder.encodeOne(cborAnswer, {highWaterMark: 16 << 20})
var bodyx = encoder.encode(cborAnswer)
console.log('codecs on one GetRecords answer of ' + RECORDS + ' records (' + json.length + ' bytes as JSON, ' +
  bodyx.length + ' as CBOR):')
time('encode, JSON.stringify', function() { return JSON.stringify(jsonAnswer) })
time('encode, cbor 5', function() { return cbor.Encoder.encodeOne(cborAnswer, {highWaterMark: 16 << 20}) })
time('encode, cbor-x', function() { return encoder.encode(cborAnswer) })
time('decode, JSON.parse', function() { return JSON.parse(json) })
time('decode, cbor 5', function() { return cbor.Decoder.decodeFirstSync(body5) })
time('decode, cbor-x', function() { return decoder.decode(bodyx) })
